import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { specSchemas } from "./generated/spec-schemas.js";
import { issueOfAjvError, type GongMockIssue } from "./issues.js";

// ajv-formats is CommonJS with both `module.exports` and `exports.default` set to the plugin; which of
// the two a default import yields depends on the loader (Node, a bundler), so accept either.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats =
  typeof addFormatsModule === "function" ? (addFormatsModule as unknown as AddFormats) : addFormatsModule.default;

let ajv: Ajv2020 | undefined;

/** One Ajv (draft 2020-12, the dialect of OpenAPI 3.1) per process, holding the spec's schemas. */
function sharedAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(specSchemas);
  }
  return ajv;
}

/** A validator of one schema, compiled on first use; its schema may `$ref` the spec's (`urn:gong-flows:spec#/$defs/X`). */
export function schemaValidator(schema: Record<string, unknown>): (value: unknown) => GongMockIssue[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= sharedAjv().compile(schema);
    if (validate(value)) return [];
    // A value can break the same rule twice (the spec's `type` and a stricter sibling's): once is enough.
    const seen = new Set<string>();
    return (validate.errors ?? []).map(issueOfAjvError).filter((issue) => {
      const key = `${issue.path}\0${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
}
