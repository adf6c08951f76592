import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describeValue } from "../report/describe-value.js";
import type { OpenApiDocument } from "./document.js";
import { appendPointer, valueAt } from "@gong-flows/spec-reader";

// The suite's own oracle of the spec's schemas, apart from the client's validators on purpose
// (docs/design/contract-suite.md: an oracle of its own).

// ajv-formats is CommonJS with both `module.exports` and `exports.default` set to the plugin; which of
// the two a default import yields depends on the loader (Node or vite), so accept either.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats = typeof addFormatsModule === "function" ? addFormatsModule : addFormatsModule.default;

/** One way a value fails a schema. */
export interface SchemaIssue {
  /** JSON pointer into the validated value. */
  pointer: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, …). */
  keyword: string;
  expected: string;
  actual: string;
}

/** Validates values against schemas of the spec, addressed by their JSON pointer in the spec. */
export interface SchemaValidator {
  /** Every way `value` fails the schema at `schemaPointer`; empty when it is valid. */
  issues(schemaPointer: string, value: unknown): SchemaIssue[];
  /** Whether `value` is valid against the schema at `schemaPointer`. */
  isValid(schemaPointer: string, value: unknown): boolean;
}

/** The URI the spec is registered under; `#/components/schemas/X` refs resolve against it. */
const specUri = "urn:gong-flows:openapi";

/**
 * Keywords OpenAPI 3.1 adds to JSON Schema as annotations. Ajv runs in strict mode, so any other
 * unknown keyword (a typo such as `minItem`) makes compiling fail instead of being ignored.
 */
const openApiAnnotations = ["example", "xml", "externalDocs", "discriminator"];

/**
 * Builds Ajv (JSON Schema draft 2020-12, the dialect of OpenAPI 3.1) with the formats of
 * `ajv-formats`, in strict mode and reporting every error.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(openApiAnnotations);
  return ajv;
}

/**
 * Creates a validator for the schemas of one OpenAPI document. The whole document is registered
 * with Ajv and each schema is compiled from its pointer on first use, so the checks validate against
 * the spec itself, never against a copy.
 */
export function createSchemaValidator(spec: OpenApiDocument): SchemaValidator {
  const ajv = createAjv();
  // Ajv compiles the document's root before it resolves a pointer into it. The root's fields
  // (`openapi`, `paths`, …) are OpenAPI fields, not JSON Schema keywords: declare them as annotations
  // so that strict mode accepts them there, while staying strict inside every schema.
  ajv.addVocabulary(Object.keys(spec).filter((key) => !openApiAnnotations.includes(key) && !ajv.getKeyword(key)));
  // Specification extensions (`x-…`) may sit in any Schema Object of OpenAPI 3.1: annotations, too.
  ajv.addVocabulary([...extensionKeys(spec)].filter((key) => !ajv.getKeyword(key)));
  // Registered without meta-validation: the document as a whole is an OpenAPI document, not a schema.
  ajv.addSchema(spec as object, specUri, undefined, false);
  const compiled = new Map<string, ValidateFunction>();

  const compile = (schemaPointer: string): ValidateFunction => {
    let validate = compiled.get(schemaPointer);
    if (!validate) {
      if (valueAt(spec, schemaPointer) === undefined) throw new Error(`spec: no schema at ${schemaPointer}`);
      validate = ajv.compile({ $ref: `${specUri}#${encodeURI(schemaPointer)}` });
      compiled.set(schemaPointer, validate);
    }
    return validate;
  };

  return {
    issues(schemaPointer, value) {
      const validate = compile(schemaPointer);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => toIssue(error, value));
    },
    isValid(schemaPointer, value) {
      return compile(schemaPointer)(value) === true;
    },
  };
}

/** Every `x-…` key used anywhere in the document. */
function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeys(item, found);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeys(value, found);
    }
  }
  return found;
}

/** Turns an Ajv error into a pointer at the offending value, what the schema wants, and what is there. */
function toIssue(error: ErrorObject, root: unknown): SchemaIssue {
  const { instancePath, keyword, params } = error;
  const actualAt = (at: string) => describeValue(valueAt(root, at));
  switch (keyword) {
    case "required": {
      const at = appendPointer(instancePath, String(params["missingProperty"]));
      return { pointer: at, keyword, expected: "present (required property)", actual: "absent" };
    }
    case "additionalProperties": {
      const at = appendPointer(instancePath, String(params["additionalProperty"]));
      return { pointer: at, keyword, expected: "no such property (additionalProperties: false)", actual: actualAt(at) };
    }
    case "enum":
      return {
        pointer: instancePath,
        keyword,
        expected: `one of ${(params["allowedValues"] as unknown[]).map((v) => describeValue(v)).join(", ")}`,
        actual: actualAt(instancePath),
      };
    case "type":
      return {
        pointer: instancePath,
        keyword,
        expected: `type ${String(params["type"])}`,
        actual: actualAt(instancePath),
      };
    case "format":
      return {
        pointer: instancePath,
        keyword,
        expected: `format "${String(params["format"])}"`,
        actual: actualAt(instancePath),
      };
    case "minItems":
    case "maxItems": {
      const value = valueAt(root, instancePath);
      const count = Array.isArray(value) ? `${value.length} items` : actualAt(instancePath);
      const bound = keyword === "minItems" ? "at least" : "at most";
      return { pointer: instancePath, keyword, expected: `${bound} ${String(params["limit"])} items`, actual: count };
    }
    case "minLength":
    case "maxLength": {
      const bound = keyword === "minLength" ? "at least" : "at most";
      return {
        pointer: instancePath,
        keyword,
        expected: `${bound} ${String(params["limit"])} characters`,
        actual: actualAt(instancePath),
      };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        pointer: instancePath,
        keyword,
        expected: `${String(params["comparison"])} ${String(params["limit"])}`,
        actual: actualAt(instancePath),
      };
    default:
      return {
        pointer: instancePath,
        keyword,
        expected: `${keyword}: ${error.message ?? "valid"}`,
        actual: actualAt(instancePath),
      };
  }
}
