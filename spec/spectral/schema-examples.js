// Spectral custom function: every entry of a schema's `examples` array (OpenAPI 3.1 / JSON Schema
// 2020-12) must validate against that schema. Spectral's own oas3-valid-schema-example rule checks
// only the singular `example` keyword of OpenAPI 3.0, so 3.1 examples would otherwise go unchecked.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);

export default function schemaExamples(schema, _options, context) {
  if (schema === null || typeof schema !== "object" || !Array.isArray(schema.examples)) return [];
  // The examples themselves are annotations; validating against a copy without them keeps Ajv from
  // compiling (and caching) the same example data as part of the schema.
  const { examples, ...rest } = schema;
  let validate;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    return [{ message: `the schema beside these examples does not compile: ${error.message}` }];
  }
  const results = [];
  examples.forEach((example, index) => {
    if (!validate(example)) {
      for (const e of validate.errors ?? []) {
        results.push({
          message: `example ${index} ${e.instancePath ? `at ${e.instancePath} ` : ""}${e.message}`,
          path: [...context.path, "examples", index, ...e.instancePath.split("/").slice(1)],
        });
      }
    }
  });
  return results;
}
