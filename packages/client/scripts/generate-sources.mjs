// What `pnpm generate` writes to src/generated/, computed from a parsed spec (scripts/generate.mjs
// reads the spec and writes the files; the tests run this on edited copies of the spec):
//   schema.ts      TypeScript types of the paths and components (openapi-typescript), with the enums
//                  of answers left open (see openEnumsOfResponses and generateTypes)
//   documented-schema.ts  the same, open enums as their documented values plus any other string
//   validators.ts  the request-body and 200-response validators (scripts/validator-codegen.mjs), so the
//                  published client checks both with no schema library and no copy of the schemas
//   routes.ts      the client's one typed seam to openapi-fetch: for each POST operation with a JSON
//                  body, its operationId, the openapi-fetch call with the path as a literal (so that
//                  openapi-fetch types it), and its 200-answer check
//   operations.ts  the operationId of every route, for errors and log events of `raw` calls
import { fullFormats } from "ajv-formats/dist/formats.js";
import openapiTS, { astToString, STRING, tsIntersection, tsLiteral, tsUnion } from "openapi-typescript";
import ts from "typescript";
import { documentTypes } from "./type-docs.mjs";
import { compileValidators, helpersFor } from "./validator-codegen.mjs";

const specLabel = "spec/openapi.yaml";

const header = (what) =>
  `// GENERATED FILE: ${what}, from ${specLabel} by packages/client/scripts/generate.mjs. Do not edit;\n` +
  `// edit the spec and run \`pnpm generate\` (or any of build, typecheck, test) instead.\n`;

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const segment = (name) => String(name).replaceAll("~", "~0").replaceAll("/", "~1");

/** Resolves a local `$ref` (`#/components/...`). */
function resolveRef(spec, ref) {
  let node = spec;
  for (const raw of ref.slice(2).split("/")) {
    node = node?.[decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~")];
    if (node === undefined) throw new Error(`${specLabel}: $ref ${ref} does not resolve`);
  }
  return node;
}

/** Follows `$ref`s of a request body or response object to the object and its JSON pointer. */
function followRefs(spec, node, pointer) {
  for (let hops = 0; node?.$ref !== undefined; hops++) {
    if (hops > 20) throw new Error(`${specLabel}: ${pointer} is a $ref cycle`);
    pointer = node.$ref;
    node = resolveRef(spec, node.$ref);
  }
  return { node, pointer };
}

/** The JSON media type of a content map (`application/json`, else the first `…/…+json`). */
function jsonMediaType(content) {
  const types = Object.keys(content ?? {});
  return types.find((t) => t === "application/json") ?? types.find((t) => /^application\/[^;]*\+json\b/.test(t));
}

/**
 * Every operation of the spec: operationId, method, path, and the JSON pointers of its JSON request-body
 * schema and of its 200 answer's JSON schema (each undefined when the operation has none). Found by path
 * and method, never by schema name, so that renaming a schema changes nothing here.
 */
function operationsOf(spec) {
  const found = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = item?.[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${specLabel}: ${method.toUpperCase()} ${path} has no operationId`);
      const base = `#/paths/${segment(path)}/${method}`;
      const body = operation.requestBody ? followRefs(spec, operation.requestBody, `${base}/requestBody`) : undefined;
      const bodyMedia = jsonMediaType(body?.node?.content);
      const ok = operation.responses?.["200"] ? followRefs(spec, operation.responses["200"], `${base}/responses/200`) : undefined;
      const okMedia = jsonMediaType(ok?.node?.content);
      found.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        bodyRequired: body?.node?.required === true,
        bodySchema: bodyMedia && body.node.content[bodyMedia].schema ? `${body.pointer}/content/${segment(bodyMedia)}/schema` : undefined,
        okSchema: okMedia && ok.node.content[okMedia].schema ? `${ok.pointer}/content/${segment(okMedia)}/schema` : undefined,
        okMedia,
      });
    }
  }
  return found;
}

/** The JSON pointer of every schema reachable from the given schemas, following `$ref`s. */
function reachableSchemas(spec, pointers) {
  const seen = new Set();
  const visit = (schema, pointer) => {
    if (seen.has(pointer) || schema === null || typeof schema !== "object") return;
    seen.add(pointer);
    if (typeof schema.$ref === "string") visit(resolveRef(spec, schema.$ref), schema.$ref);
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
      for (const [i, s] of (schema[key] ?? []).entries()) visit(s, `${pointer}/${key}/${i}`);
    }
    for (const key of ["properties", "patternProperties", "$defs"]) {
      for (const [name, s] of Object.entries(schema[key] ?? {})) visit(s, `${pointer}/${key}/${segment(name)}`);
    }
    for (const key of ["items", "additionalProperties", "not", "contains", "if", "then", "else"]) visit(schema[key], `${pointer}/${key}`);
  };
  for (const pointer of pointers) visit(resolveRef(spec, pointer), pointer);
  return seen;
}

/**
 * The schemas whose string `enum` is left open in the types: every one reachable from an answer's body.
 * Gong adds values to its enums (its own published spec lists flow-instance statuses its pages do not),
 * and the client accepts them at run time (the answer checks do not assert `enum`), so no type may
 * promise that only the documented values occur. An enum used by requests only stays closed.
 */
function openEnumsOfResponses(spec) {
  const answers = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of httpMethods) {
      for (const [status, response] of Object.entries(item?.[method]?.responses ?? {})) {
        const { node, pointer } = followRefs(spec, response, `#/paths/${segment(path)}/${method}/responses/${segment(status)}`);
        for (const media of Object.keys(node?.content ?? {})) {
          if (node.content[media].schema) answers.push(`${pointer}/content/${segment(media)}/schema`);
        }
      }
    }
  }
  return reachableSchemas(spec, answers);
}

/**
 * The types of the spec (openapi-typescript), in two forms that differ only in the open enums:
 *
 * - `schema.ts` (`paths`, `components`, `operations`: what openapi-fetch and `raw` are typed with, and
 *   what the contract suite holds to the spec) is the spec as written: an enum is the union of its
 *   documented values. (openapi-fetch's `Readable` helper would also turn the form below into an object
 *   type that a string is not assignable to.)
 * - `documented-schema.ts` (what the client's named types, `AssignedFlow` and `FlowInstanceStatus`, and
 *   its checked answers are typed with) keeps the documented values of an answer's enum as literals for
 *   autocomplete and admits any other string with `(string & {})`, which keeps the union from
 *   collapsing into `string`: what the client passes through at run time.
 */
async function generateTypes(spec) {
  const open = openEnumsOfResponses(spec);
  const isOpenEnum = (schema, options) =>
    options.path !== undefined && open.has(options.path) && Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === "string");
  const generate = async (transform) => {
    // A deep copy: openapi-typescript resolves $refs in the document it is given.
    const ast = await openapiTS(structuredClone(spec), {
      // Responses are tolerant and no response property is required (see the spec's conventions), so
      // every response field is optional in the types as well: callers must handle absent fields.
      alphabetize: false,
      transform,
    });
    return documentTypes(astToString(ast), spec);
  };
  const plain = await generate(undefined);
  const documented = await generate((schema, options) =>
    isOpenEnum(schema, options)
      ? tsUnion([...schema.enum.map((value) => tsLiteral(value)), tsIntersection([STRING, ts.factory.createTypeLiteralNode([])])])
      : undefined,
  );
  return {
    "schema.ts": `${header("TypeScript types, the spec as written")}\n${plain}`,
    "documented-schema.ts": `${header("TypeScript types (open enums as documented values | (string & {}))")}\n${documented}`,
  };
}

function generateValidators(spec, operations) {
  // The email check of ajv-formats (the reference the tests hold these validators to).
  const formats = { email: fullFormats.email };
  const requests = compileValidators(
    spec,
    operations.filter((o) => o.bodySchema).map((o) => ({ name: o.id, where: o.bodySchema })),
    { mode: "request", formats, typed: true, prefix: "q" },
  );
  const responses = compileValidators(
    spec,
    operations.filter((o) => o.okSchema).map((o) => ({ name: o.id, where: o.okSchema })),
    { mode: "response", formats, typed: true, prefix: "r" },
  );
  const helpers = helpersFor([requests, responses], { typed: true });
  const okType = (o) => `operations[${JSON.stringify(o.id)}]["responses"][200]["content"][${JSON.stringify(o.okMedia)}]`;
  return [
    header("Request-body and 200-answer validators (scripts/validator-codegen.mjs)"),
    'import type { operations } from "./documented-schema.js";',
    "",
    "/** One problem: the JSON pointer of the value, what is wrong with it, and the schema keyword it breaks. */",
    "export type RawIssue = [pointer: string, message: string, keyword: string];",
    "",
    ...helpers,
    ...requests.constants,
    ...responses.constants,
    "",
    "// ----- request bodies: every keyword asserted, our own stricter rules included -----",
    ...requests.functions,
    "",
    "// ----- 200 answers: tolerant (no enum, const or format assertions) -----",
    ...responses.functions,
    "",
    "/** The request-body check of each operation that takes a JSON body: pushes one issue per problem. */",
    "export const requestBodyChecks: Readonly<Record<string, (body: unknown, pointer: string, issues: RawIssue[]) => void>> = {",
    ...Object.entries(requests.names).map(([id, fn]) => `  ${id}: ${fn},`),
    "};",
    "",
    "/** Operations whose request body the spec requires (`requestBody.required: true`). */",
    "export const requestBodyRequired: Readonly<Record<string, boolean>> = {",
    ...operations.filter((o) => o.bodySchema).map((o) => `  ${o.id}: ${o.bodyRequired},`),
    "};",
    "",
    "/**",
    " * The 200-answer check of each operation: true when the body holds to the operation's 200 schema",
    " * (tolerantly, see above); otherwise false, with one issue per problem pushed onto `issues`.",
    " */",
    "const okCheck =",
    "  <Body>(check: (body: unknown, pointer: string, issues: RawIssue[]) => void) =>",
    "  (body: unknown, issues: RawIssue[]): body is Body => {",
    "    const before = issues.length;",
    '    check(body, "", issues);',
    "    return issues.length === before;",
    "  };",
    "export const okAnswerChecks = {",
    ...operations.filter((o) => o.okSchema).map((o) => `  ${o.id}: okCheck<${okType(o)}>(${responses.names[o.id]}),`),
    "};",
    "",
  ].join("\n");
}

/**
 * The seam's routes: one per POST operation that takes a JSON body and documents a JSON 200 answer.
 * Each calls openapi-fetch with its path as a literal, so that openapi-fetch types the body and the
 * answer; the client's `post` picks the route by path (src/transport.ts) and needs no cast.
 */
function generateRoutes(operations) {
  const routes = operations.filter((o) => o.method === "POST" && o.bodySchema && o.okSchema);
  return [
    header("The client's typed routes to openapi-fetch"),
    'import type { Client } from "openapi-fetch";',
    'import type { PostRoutes } from "../transport.js";',
    'import type { paths } from "./schema.js";',
    'import { okAnswerChecks } from "./validators.js";',
    "",
    "/** The POST operations of the spec, each bound to one openapi-fetch client. */",
    "export function postRoutes(client: Client<paths>): PostRoutes {",
    "  return {",
    ...routes.map(
      (o) =>
        `    ${JSON.stringify(o.path)}: {\n      operation: ${JSON.stringify(o.id)},\n      send: (init) => client.POST(${JSON.stringify(o.path)}, init),\n      isOk: okAnswerChecks.${o.id},\n    },`,
    ),
    "  };",
    "}",
    "",
  ].join("\n");
}

/**
 * The operations by route, so that the client can name the operation of any request it sends
 * (through its methods or through `raw`) in errors and log events.
 */
function generateOperations(operations) {
  const entries = operations.map(({ id, method, path }) => `  ${JSON.stringify(`${method} ${path}`)}: ${JSON.stringify(id)},`);
  return (
    header("The operations of the spec, by route") +
    'import type { operations } from "./schema.js";\n' +
    "\n/** The operationId of every operation of the spec, keyed by `METHOD /path`. */\n" +
    "export const operationsByRoute: Readonly<Partial<Record<string, keyof operations>>> = {\n" + entries.join("\n") + "\n};\n"
  );
}

/** Every file of src/generated/, by name, generated from the parsed spec. */
export async function generateSources(spec) {
  const operations = operationsOf(spec);
  return {
    ...(await generateTypes(spec)),
    "validators.ts": generateValidators(spec, operations),
    "routes.ts": generateRoutes(operations),
    "operations.ts": generateOperations(operations),
  };
}
