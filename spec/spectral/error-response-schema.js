// Spectral custom function: every 4xx/5xx response of an operation must carry a JSON body whose schema
// is exactly `$ref: <schemaRef>` (the shared error body). It runs on the *unresolved* document, so that
// a response given as `$ref: '#/components/responses/X'` can be followed by hand and the schema's
// identity (its $ref) is still visible; on the resolved document every schema is an anonymous copy.
import { refTarget } from "@gong-flows/spec-reader";

/** The object a local `$ref` names; undefined when it does not resolve. */
function resolveLocal(document, ref) {
  try {
    return refTarget(document, ref);
  } catch {
    return undefined;
  }
}

export default function errorResponseSchema(responses, options, context) {
  const results = [];
  if (responses === null || typeof responses !== "object") return results;
  const document = context.document.data;
  for (const [status, declared] of Object.entries(responses)) {
    if (!/^[45]/.test(status)) continue;
    const path = [...context.path, status];
    let response = declared;
    if (response && typeof response.$ref === "string") {
      response = resolveLocal(document, response.$ref);
      if (response === undefined) {
        results.push({ message: `response ${status} points at ${declared.$ref}, which does not exist`, path });
        continue;
      }
    }
    const schema = response?.content?.["application/json"]?.schema;
    if (schema?.$ref !== options.schemaRef) {
      results.push({
        message: `response ${status} must use the shared error body: content.application/json.schema must be $ref '${options.schemaRef}', found ${schema?.$ref ? `'${schema.$ref}'` : "an inline or missing schema"}`,
        path,
      });
    }
  }
  return results;
}
