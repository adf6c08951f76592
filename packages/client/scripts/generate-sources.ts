// What `pnpm generate` writes to src/generated/, computed from a parsed spec so that the tests can run
// it on edited copies (the files: docs/design/client-code-generation.md).
import { escapeToken, jsonMediaType, listOperations, type OpenApiDocument, refTarget } from "@gong-flows/spec-reader";
import { fullFormats } from "ajv-formats/dist/formats.js";
import openapiTS, { astToString, STRING, tsIntersection, tsLiteral, tsUnion } from "openapi-typescript";
import ts from "typescript";
import { withParameterSchemas } from "./parameter-schemas.js";
import { documentTypes } from "./type-docs.js";
import { compileValidators, helpersFor } from "./validator-codegen.js";

const specLabel = "spec/openapi.yaml";

const header = (what: string): string =>
  `// GENERATED FILE: ${what}, from ${specLabel} by packages/client/scripts/generate.ts. Do not edit;\n` +
  `// edit the spec and run \`pnpm generate\` (or any of build, typecheck, test) instead.\n`;

/** What the generated files need of one operation: its route and where its JSON bodies' schemas are. */
interface Operation {
  id: string;
  method: string;
  path: string;
  bodyRequired: boolean;
  /** `#/…` pointer of the JSON request-body schema, if it has one. */
  bodySchema: string | undefined;
  /** `#/…` pointer of the success response's JSON schema (its 200, else its first 2xx), if it has one. */
  okSchema: string | undefined;
  okMedia: string | undefined;
  /** The status of that response: `"200"`, or `"202"` for an operation that accepts work to do later. */
  okStatus: string | undefined;
}

/** A `#/…` pointer (the form `$ref`s and openapi-typescript use) of a spec reader's pointer. */
const fragment = (pointer: string | undefined): string | undefined =>
  pointer === undefined ? undefined : `#${pointer}`;

/**
 * Every operation of the spec, as the spec reader lists them (found by path and method, never by
 * schema name, so that renaming a schema changes nothing here).
 */
function operationsOf(spec: OpenApiDocument): Operation[] {
  return listOperations(spec).map((operation) => {
    const body = operation.requestBody && jsonMediaType(operation.requestBody.content);
    const okResponse =
      operation.responses.find((response) => response.status === "200") ??
      operation.responses.find((response) => /^2\d\d$/.test(response.status));
    const ok = okResponse && jsonMediaType(okResponse.content);
    return {
      id: operation.operationId,
      method: operation.method,
      path: operation.path,
      bodyRequired: operation.requestBody?.required === true,
      bodySchema: fragment(body?.schemaPointer),
      okSchema: fragment(ok?.schemaPointer),
      okMedia: ok?.mediaType,
      okStatus: okResponse?.status,
    };
  });
}

/** The `#/…` pointer of every schema reachable from the given schemas, following `$ref`s. */
function reachableSchemas(spec: OpenApiDocument, pointers: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (schema: unknown, pointer: string) => {
    if (seen.has(pointer) || schema === null || typeof schema !== "object") return;
    seen.add(pointer);
    const node = schema as Record<string, unknown>;
    if (typeof node["$ref"] === "string") visit(refTarget(spec, node["$ref"]), node["$ref"]);
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
      const list = node[key];
      if (Array.isArray(list)) for (const [i, s] of list.entries()) visit(s, `${pointer}/${key}/${i}`);
    }
    for (const key of ["properties", "patternProperties", "$defs"]) {
      for (const [name, s] of Object.entries(node[key] ?? {})) visit(s, `${pointer}/${key}/${escapeToken(name)}`);
    }
    for (const key of ["items", "additionalProperties", "not", "contains", "if", "then", "else"])
      visit(node[key], `${pointer}/${key}`);
  };
  for (const pointer of pointers) visit(refTarget(spec, pointer), pointer);
  return seen;
}

/**
 * The schemas whose string `enum` is left open in the types: every one reachable from a response's body
 * (Gong adds values; why: docs/design/client-code-generation.md).
 */
function openEnumsOfResponses(spec: OpenApiDocument): Set<string> {
  const bodies = listOperations(spec).flatMap((operation) =>
    operation.responses.flatMap((response) =>
      response.content.flatMap((media) => (media.schemaPointer ? [`#${media.schemaPointer}`] : [])),
    ),
  );
  return reachableSchemas(spec, bodies);
}

/**
 * The types of the spec (openapi-typescript) in two forms: `schema.ts` as written, `documented-schema.ts`
 * with the open enums as their documented values plus `(string & {})` (see client-code-generation.md).
 */
async function generateTypes(spec: OpenApiDocument): Promise<Record<"schema.ts" | "documented-schema.ts", string>> {
  const open = openEnumsOfResponses(spec);
  /** The documented values of an open enum, or undefined for any other schema. */
  const openEnum = (schema: object, path: string | undefined): string[] | undefined => {
    const values = (schema as { enum?: unknown }).enum;
    if (path === undefined || !open.has(path) || !Array.isArray(values)) return undefined;
    return values.every((value) => typeof value === "string") ? values : undefined;
  };
  const generate = async (transform: OpenApiTransform | undefined) => {
    // As JSON text, so that openapi-typescript (which resolves $refs in the document it is given) reads a copy.
    const ast = await openapiTS(JSON.stringify(spec), {
      // Responses are tolerant and no response property is required (see the spec's conventions), so
      // every response field is optional in the types as well: callers must handle absent fields.
      alphabetize: false,
      ...(transform ? { transform } : {}),
    });
    return documentTypes(astToString(ast), spec);
  };
  const plain = await generate(undefined);
  const documented = await generate((schema, options) => {
    const values = openEnum(schema, options.path);
    return (
      values &&
      tsUnion([
        ...values.map((value) => tsLiteral(value)),
        tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]),
      ])
    );
  });
  return {
    "schema.ts": `${header("TypeScript types, the spec as written")}\n${plain}`,
    "documented-schema.ts": `${header("TypeScript types (open enums as documented values | (string & {}))")}\n${documented}`,
  };
}

/** A schema transform of openapi-typescript (the option `transform`). */
type OpenApiTransform = NonNullable<Parameters<typeof openapiTS>[1]>["transform"] & {};

/** `[…]` without its undefined entries' operations, narrowed (`o.bodySchema` is then a string). */
const withSchema = <K extends "bodySchema" | "okSchema">(operations: Operation[], key: K) =>
  operations.filter((o): o is Operation & Record<K, string> => o[key] !== undefined);

function generateValidators(spec: OpenApiDocument, operations: Operation[]): string {
  // The email check of ajv-formats (the reference the tests hold these validators to).
  const email = fullFormats.email;
  if (!(email instanceof RegExp)) throw new Error("ajv-formats' email format is no longer a regular expression");
  const formats = { email };
  // Bodies and parameters in one compilation, so that the schemas they share (an email, an id) are one function.
  const withParameters = withParameterSchemas(spec);
  const parameterEntry = (name: string) => `parameters ${name}`;
  const requests = compileValidators(
    withParameters.document,
    [
      ...withSchema(operations, "bodySchema").map((o) => ({ name: o.id, where: o.bodySchema })),
      ...withParameters.entries.map((entry) => ({ ...entry, name: parameterEntry(entry.name) })),
    ],
    { mode: "request", formats, typed: true, prefix: "q" },
  );
  const responses = compileValidators(
    spec,
    withSchema(operations, "okSchema").map((o) => ({ name: o.id, where: o.okSchema })),
    { mode: "response", formats, typed: true, prefix: "r" },
  );
  const helpers = helpersFor([requests, responses], { typed: true });
  const okType = (o: Operation) =>
    `operations[${JSON.stringify(o.id)}]["responses"][${o.okStatus}]["content"][${JSON.stringify(o.okMedia)}]`;
  return [
    header("Request-body and 200-response validators (scripts/validator-codegen.ts)"),
    'import type { operations } from "./documented-schema.js";',
    "",
    "/** One problem: the JSON pointer of the value, what is wrong with it, and the schema keyword it breaks. */",
    "export type RawIssue = [pointer: string, message: string, keyword: string];",
    "",
    ...helpers,
    ...requests.constants,
    ...responses.constants,
    "",
    "// ----- request bodies and parameters (one object per operation: scripts/parameter-schemas.ts): every",
    "// keyword asserted, our own stricter rules included -----",
    ...requests.functions,
    "",
    "// ----- 200 responses: tolerant (no enum, const or format assertions) -----",
    ...responses.functions,
    "",
    "/** The parameter check of each operation that has path or query parameters: one issue per problem. */",
    "export const parameterChecks: Readonly<Record<string, (params: unknown, pointer: string, issues: RawIssue[]) => void>> = {",
    ...withParameters.entries.map(({ name }) => `  ${name}: ${requests.names[parameterEntry(name)]},`),
    "};",
    "",
    "/** The request-body check of each operation that takes a JSON body: pushes one issue per problem. */",
    "export const requestBodyChecks: Readonly<Record<string, (body: unknown, pointer: string, issues: RawIssue[]) => void>> = {",
    ...operations.filter((o) => o.bodySchema).map((o) => `  ${o.id}: ${requests.names[o.id]},`),
    "};",
    "",
    "/** Operations whose request body the spec requires (`requestBody.required: true`). */",
    "export const requestBodyRequired: Readonly<Record<string, boolean>> = {",
    ...operations.filter((o) => o.bodySchema).map((o) => `  ${o.id}: ${o.bodyRequired},`),
    "};",
    "",
    "/**",
    " * The 200-response check of each operation: true when the body holds to the operation's 200 schema",
    " * (tolerantly, see above); otherwise false, with one issue per problem pushed onto `issues`.",
    " */",
    "const okCheck =",
    "  <Body>(check: (body: unknown, pointer: string, issues: RawIssue[]) => void) =>",
    "  (body: unknown, issues: RawIssue[]): body is Body => {",
    "    const before = issues.length;",
    '    check(body, "", issues);',
    "    return issues.length === before;",
    "  };",
    "export const okResponseChecks = {",
    ...operations.filter((o) => o.okSchema).map((o) => `  ${o.id}: okCheck<${okType(o)}>(${responses.names[o.id]}),`),
    "};",
    "",
  ].join("\n");
}

/**
 * The seam's routes: one per POST operation that takes a JSON body and one per GET operation, each
 * documenting a JSON success answer. Each calls openapi-fetch with its path as a literal, so that
 * openapi-fetch types the call; the client's `post` and `get` pick the route by path (src/transport.ts).
 */
function generateRoutes(operations: Operation[]): string {
  const routes = (method: "GET" | "POST") =>
    operations
      .filter((o) => o.method === method && o.okSchema && (method === "GET" || o.bodySchema))
      .map(
        (o) =>
          `    ${JSON.stringify(o.path)}: {\n      operation: ${JSON.stringify(o.id)},\n      send: (init) => client.${method}(${JSON.stringify(o.path)}, init),\n      isOk: okResponseChecks.${o.id},\n    },`,
      );
  return [
    header("The client's typed routes to openapi-fetch"),
    'import type { Client } from "openapi-fetch";',
    'import type { GetRoutes, PostRoutes } from "../transport.js";',
    'import type { paths } from "./schema.js";',
    'import { okResponseChecks } from "./validators.js";',
    "",
    "/** The POST operations of the spec, each bound to one openapi-fetch client. */",
    "export function postRoutes(client: Client<paths>): PostRoutes {",
    "  return {",
    ...routes("POST"),
    "  };",
    "}",
    "",
    "/** The GET operations of the spec, each bound to one openapi-fetch client. */",
    "export function getRoutes(client: Client<paths>): GetRoutes {",
    "  return {",
    ...routes("GET"),
    "  };",
    "}",
    "",
  ].join("\n");
}

/**
 * The operations by route, so that the client can name the operation of any request it sends
 * (through its methods or through `raw`) in errors and log events.
 */
function generateOperations(operations: Operation[]): string {
  const entries = operations.map(
    ({ id, method, path }) => `  ${JSON.stringify(`${method} ${path}`)}: ${JSON.stringify(id)},`,
  );
  return (
    header("The operations of the spec, by route") +
    'import type { operations } from "./schema.js";\n' +
    "\n/** The operationId of every operation of the spec, keyed by `METHOD /path`. */\n" +
    "export const operationsByRoute: Readonly<Partial<Record<string, keyof operations>>> = {\n" +
    entries.join("\n") +
    "\n};\n"
  );
}

/** Every file of src/generated/, by name, generated from the parsed spec. */
export async function generateSources(
  spec: OpenApiDocument,
): Promise<Record<"schema.ts" | "documented-schema.ts" | "validators.ts" | "routes.ts" | "operations.ts", string>> {
  const operations = operationsOf(spec);
  return {
    ...(await generateTypes(spec)),
    "validators.ts": generateValidators(spec, operations),
    "routes.ts": generateRoutes(operations),
    "operations.ts": generateOperations(operations),
  };
}
