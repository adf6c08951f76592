import { Validator } from "@seriousme/openapi-schema-validator";
import { describeValue } from "../report/describe-value.js";
import type { Violation } from "../report/violation.js";
import { readDecisions } from "../spec/decisions.js";
import type { OpenApiDocument } from "../spec/document.js";
import { appendPointer, resolveRef, schemaHolders, schemaRoots, subschemas, valueAt } from "@gong-flows/spec-reader";
import { createAjv, createSchemaValidator, type SchemaIssue } from "../spec/schema-validator.js";

const checkValid = "spec: a valid OpenAPI 3.1 document";
const checkSchemas = "spec: every schema is valid JSON Schema 2020-12";
const checkExamples = "spec: every example validates against its schema";
const checkDecisions = "spec: every decision names a validation keyword of its schema and gives its reason";

/**
 * Checks the spec itself: that it is a valid OpenAPI 3.1 document, that every schema in it is valid
 * JSON Schema 2020-12 (compiled in strict mode, so an unknown keyword is an error, not ignored), that
 * every example validates against its schema, and that every decision it marks is well formed.
 * Returns every violation, pointing into the spec.
 */
export async function checkSpecDocument(spec: OpenApiDocument): Promise<Violation[]> {
  const structural = await checkOpenApiStructure(spec);
  // Schemas that are not valid JSON Schema cannot validate examples: report them alone.
  const schemas = checkSchemaValidity(spec);
  return [...structural, ...schemas, ...(schemas.length > 0 ? [] : checkExamplesOf(spec)), ...checkDecisionsOf(spec)];
}

/**
 * Every `x-gong-flows-decision` of the spec (read as `readDecisions` reads them): each names a validation
 * keyword present on its own schema and gives a reason, and sits on a Schema Object. A decision left
 * behind by a schema edit would otherwise make a live server be failed over our rule, or let it off
 * Gong's, without anyone noticing.
 */
export function checkDecisionsOf(spec: OpenApiDocument): Violation[] {
  return readDecisions(spec).problems.map((problem) =>
    specViolation(problem.where, problem.expected, problem.actual, checkDecisions),
  );
}

/**
 * The document against the official OpenAPI 3.1 schema, with `@seriousme/openapi-schema-validator`.
 * That schema does not look inside Schema Objects; {@link checkSchemaValidity} does.
 */
export async function checkOpenApiStructure(spec: OpenApiDocument): Promise<Violation[]> {
  const validator = new Validator();
  // The validator may keep and resolve what it is given: hand it a copy.
  const result = await validator.validate(structuredClone(spec));
  const violations: Violation[] = [];
  if (!/^3\.1\.\d+$/.test(String(spec["openapi"]))) {
    violations.push(
      specViolation("/openapi", 'an OpenAPI 3.1 version ("3.1.x")', describeValue(spec["openapi"]), checkValid),
    );
  }
  if (result.valid) return violations;
  if (typeof result.errors === "string" || !result.errors) {
    return [
      ...violations,
      specViolation("", "a valid OpenAPI 3.1 document", String(result.errors ?? "invalid"), checkValid),
    ];
  }
  const seen = new Set<string>();
  for (const error of result.errors) {
    const expected = `${error.keyword}: ${error.message ?? "valid"}${describeParams(error.params)}`;
    const key = `${error.instancePath} ${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(
      specViolation(error.instancePath, expected, describeValue(valueAt(spec, error.instancePath)), checkValid),
    );
  }
  return violations;
}

function describeParams(params: Record<string, unknown>): string {
  const shown = Object.entries(params).filter(([, v]) => typeof v === "string" || typeof v === "number");
  return shown.length === 0 ? "" : ` (${shown.map(([k, v]) => `${k}: ${String(v)}`).join(", ")})`;
}

/** Every schema against the 2020-12 meta-schema, then compiled by Ajv in strict mode. */
export function checkSchemaValidity(spec: OpenApiDocument): Violation[] {
  const ajv = createAjv();
  const violations: Violation[] = [];
  let validator: ReturnType<typeof createSchemaValidator> | undefined;
  try {
    validator = createSchemaValidator(spec);
  } catch (error) {
    return [specViolation("", "a document Ajv can register", errorMessage(error), checkSchemas)];
  }
  for (const at of schemaRoots(spec)) {
    const schema = valueAt(spec, at);
    if (!ajv.validateSchema(schema as object)) {
      for (const error of ajv.errors ?? []) {
        const where = `${at}${error.instancePath}`;
        violations.push(
          specViolation(
            where,
            `${error.keyword}: ${error.message ?? "valid"}`,
            describeValue(valueAt(spec, where)),
            checkSchemas,
          ),
        );
      }
      continue;
    }
    try {
      validator.isValid(at, null);
    } catch (error) {
      violations.push(specViolation(at, "a schema Ajv compiles in strict mode", errorMessage(error), checkSchemas));
    }
  }
  return violations;
}

/** Every example (`examples` of a schema, `example`/`examples` of a media type or header) against its schema. */
export function checkExamplesOf(spec: OpenApiDocument): Violation[] {
  const validator = createSchemaValidator(spec);
  const violations: Violation[] = [];
  const check = (exampleAt: string, example: unknown, schemaAt: string) => {
    let issues: SchemaIssue[];
    try {
      issues = validator.issues(schemaAt, example);
    } catch (error) {
      // A schema that does not compile cannot judge its examples; say so where the example is, rather
      // than stop (checkSchemaValidity reports the schema itself).
      violations.push(
        specViolation(exampleAt, "an example of a schema that compiles", errorMessage(error), checkExamples),
      );
      return;
    }
    for (const issue of issues)
      violations.push(specViolation(`${exampleAt}${issue.pointer}`, issue.expected, issue.actual, checkExamples));
  };
  for (const root of schemaRoots(spec)) {
    for (const at of subschemas(spec, root)) {
      const examples = valueAt(spec, appendPointer(at, "examples"));
      if (Array.isArray(examples))
        examples.forEach((example, i) => {
          check(appendPointer(at, "examples", i), example, at);
        });
    }
  }
  for (const holder of exampleHolders(spec)) {
    const node = valueAt(spec, holder) as Record<string, unknown>;
    const schemaAt = appendPointer(holder, "schema");
    if ("example" in node) check(appendPointer(holder, "example"), node["example"], schemaAt);
    const named = node["examples"];
    if (named && typeof named === "object") {
      for (const [name, entry] of Object.entries(named)) {
        const at = resolveExample(spec, appendPointer(holder, "examples", name));
        if (at && valueAt(spec, appendPointer(at, "value")) !== undefined) {
          check(appendPointer(at, "value"), valueAt(spec, appendPointer(at, "value")), schemaAt);
        } else if (!at) {
          violations.push(
            specViolation(
              appendPointer(holder, "examples", name),
              "an Example Object",
              describeValue(entry),
              checkExamples,
            ),
          );
        }
      }
    }
  }
  return violations;
}

/** Follows an Example Object's `$ref`s (`#/components/examples/…`); undefined when it leads nowhere. */
function resolveExample(spec: OpenApiDocument, at: string): string | undefined {
  try {
    return resolveRef(spec, at).pointer;
  } catch {
    return undefined;
  }
}

/** Media types and headers whose `example` or `examples` must validate against their `schema`. */
function exampleHolders(spec: OpenApiDocument): string[] {
  return schemaHolders(spec).filter((at) => {
    const node = valueAt(spec, at) as Record<string, unknown>;
    return "example" in node || "examples" in node;
  });
}

function specViolation(where: string, expected: string, actual: string, check: string): Violation {
  return { operation: "spec", status: undefined, where, expected, actual, check };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
