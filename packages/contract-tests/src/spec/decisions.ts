import { appendPointer, decisionKeyword, decisionMarks, valueAt } from "@gong-flows/spec-reader";
import type { OpenApiDocument } from "./document.js";
import { describeValue } from "../report/describe-value.js";

/**
 * One of the project's own decisions: a constraint Gong's pages do not state, marked by the
 * {@link decisionKeyword} extension with its reason; binding on a live server only with `--strict`.
 */
export interface Decision {
  /** JSON pointer to the keyword in the spec: `/components/schemas/NonEmptyId/minLength`. */
  readonly pointer: string;
  /** The schema the keyword belongs to: `/components/schemas/NonEmptyId`. */
  readonly schemaPointer: string;
  /** The keyword: `minLength`. */
  readonly keyword: string;
  readonly reason: string;
}

/** Something wrong with how the spec marks a decision, at a JSON pointer into the spec. */
export interface DecisionProblem {
  where: string;
  expected: string;
  actual: string;
}

/**
 * Keywords that constrain a value (JSON Schema 2020-12 validation and applicator keywords): the only
 * ones a decision can be about. An annotation (`description`, `examples`) constrains nothing.
 */
const constraintKeywords = new Set([
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "items",
  "prefixItems",
  "contains",
  "patternProperties",
  "dependentSchemas",
  "not",
  "if",
  "then",
  "else",
  "allOf",
  "anyOf",
  "oneOf",
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Reads and checks every decision of a spec, in document order: `decisions` the well-formed marks,
 * `problems` the others (the rule: docs/design/contract-suite.md, an oracle of its own).
 */
export function readDecisions(spec: OpenApiDocument): { decisions: Decision[]; problems: DecisionProblem[] } {
  const decisions: Decision[] = [];
  const problems: DecisionProblem[] = [];
  const { marks, misplaced } = decisionMarks(spec);
  for (const { schemaPointer, schema, mark: marked } of marks) {
    const at = appendPointer(schemaPointer, decisionKeyword);
    if (!isObject(marked) || Object.keys(marked).length === 0) {
      problems.push({
        where: at,
        expected: "an object mapping each keyword of this schema that is our decision to its reason",
        actual: describeValue(marked),
      });
      continue;
    }
    for (const [keyword, reason] of Object.entries(marked)) {
      const where = appendPointer(at, keyword);
      let wrong = false;
      if (!Object.hasOwn(schema, keyword)) {
        wrong = true;
        const viaRef =
          typeof schema["$ref"] === "string"
            ? ` (a $ref's siblings do not hold the keywords of ${schema["$ref"]}: mark the decision there)`
            : "";
        problems.push({
          where,
          expected: `a keyword of the schema at ${schemaPointer || "/"}`,
          actual: `"${keyword}", which that schema does not have${viaRef}`,
        });
      } else if (!constraintKeywords.has(keyword)) {
        wrong = true;
        problems.push({
          where,
          expected: "a validation keyword (minLength, format, additionalProperties, …)",
          actual: `"${keyword}", which constrains nothing`,
        });
      }
      if (typeof reason !== "string" || reason.trim() === "") {
        wrong = true;
        problems.push({
          where,
          expected: "the reason for the decision (a non-empty string)",
          actual: describeValue(reason),
        });
      }
      if (!wrong)
        decisions.push({
          pointer: appendPointer(schemaPointer, keyword),
          schemaPointer,
          keyword,
          reason: (reason as string).trim(),
        });
    }
  }
  for (const holder of misplaced) {
    problems.push({
      where: appendPointer(holder, decisionKeyword),
      expected: `${decisionKeyword} on a Schema Object only`,
      actual: `on ${holder || "the document's root"}, which is not a schema`,
    });
  }
  return { decisions, problems };
}

/** The decisions a spec marks, in document order; malformed entries are left out (see {@link readDecisions}). */
export function decisionsOf(spec: OpenApiDocument): Decision[] {
  return readDecisions(spec).decisions;
}

/** The decision that is the keyword `keyword` of the schema at `schemaPointer`, if it is one. */
export function decisionAt(
  decisions: readonly Decision[],
  schemaPointer: string,
  keyword: string,
): Decision | undefined {
  const at = appendPointer(schemaPointer, keyword);
  return decisions.find((decision) => decision.pointer === at);
}

/**
 * The spec as Gong documents it: a copy with every decision's keyword removed (no `minLength` on ids,
 * unknown properties allowed, no email format, any status string), and its mark with it. What a live
 * server is held to when the run is not strict.
 */
export function withoutDecisions(
  spec: OpenApiDocument,
  decisions: readonly Decision[] = decisionsOf(spec),
): OpenApiDocument {
  const copy = structuredClone(spec);
  for (const decision of decisions) {
    const schema = valueAt(copy, decision.schemaPointer);
    if (!isObject(schema)) continue;
    delete schema[decision.keyword];
    const marked = schema[decisionKeyword];
    if (isObject(marked)) {
      delete marked[decision.keyword];
      if (Object.keys(marked).length === 0) delete schema[decisionKeyword];
    }
  }
  return copy;
}
