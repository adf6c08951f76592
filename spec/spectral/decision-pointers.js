// Spectral custom function for `components.x-gong-flows-decision`, the map of the project's own
// decisions (constraints Gong's pages do not state) by the JSON pointer of their keyword. Every entry
// must point at a validation keyword that exists in the document and give a reason: a pointer left
// behind by a schema edit would otherwise make the contract suite treat a documented rule as ours, or
// ours as Gong's, without anyone noticing.

/** Keywords that constrain a value (JSON Schema 2020-12 validation and applicator keywords). */
const constraintKeywords = new Set([
  "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
  "maxLength", "minLength", "pattern", "format", "maxItems", "minItems", "uniqueItems", "maxContains",
  "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "additionalProperties",
  "unevaluatedProperties", "propertyNames",
]);

/** The tokens of a `#/a/b` pointer, unescaped; undefined when it is not a local pointer. */
function tokensOf(ref) {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  return ref.slice(2).split("/").map((token) => decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~"));
}

export default function decisionPointers(components, _options, context) {
  const decisions = components?.["x-gong-flows-decision"];
  if (decisions === undefined) return [];
  const path = [...context.path, "x-gong-flows-decision"];
  if (decisions === null || typeof decisions !== "object" || Array.isArray(decisions)) {
    return [{ message: "x-gong-flows-decision must map JSON pointers (\"#/components/…/keyword\") to reasons", path }];
  }
  const document = context.document.data;
  const results = [];
  for (const [pointer, reason] of Object.entries(decisions)) {
    const at = [...path, pointer];
    const tokens = tokensOf(pointer);
    if (!tokens || tokens.length < 2) {
      results.push({ message: `"${pointer}" is not a local JSON pointer such as "#/components/schemas/X/minLength"`, path: at });
      continue;
    }
    const keyword = tokens[tokens.length - 1];
    let parent = document;
    for (const token of tokens.slice(0, -1)) parent = parent !== null && typeof parent === "object" ? parent[token] : undefined;
    if (parent === null || typeof parent !== "object" || !(keyword in parent)) {
      results.push({ message: `"${pointer}" points at nothing in the document: update or remove the decision`, path: at });
    } else if (!constraintKeywords.has(keyword)) {
      results.push({ message: `"${pointer}" points at "${keyword}", which is not a validation keyword`, path: at });
    }
    if (typeof reason !== "string" || reason.trim().length < 10) {
      results.push({ message: `the decision at "${pointer}" must give its reason (a sentence)`, path: at });
    }
  }
  return results;
}
