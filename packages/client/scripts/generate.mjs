#!/usr/bin/env node
// Generates everything in src/generated/ from spec/openapi.yaml, so that the spec stays the single
// source of truth:
//   schema.ts      TypeScript types of the paths and components (openapi-typescript)
//   validators.ts  request-body validators compiled ahead of time (Ajv standalone code), so the
//                  published client runs them without Ajv and without a copy of the schemas
// and copies the spec itself to openapi.yaml at the package root, shipped as `@gong-flows/client/openapi.yaml`.
// Run by `pnpm generate` (a turbo task whose inputs include the spec); never edit the output by hand.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const repoRoot = resolve(packageDir, "../..");
const specPath = resolve(repoRoot, "spec/openapi.yaml");
const outDir = resolve(packageDir, "src/generated");
const specLabel = relative(repoRoot, specPath);

const header = (what) =>
  `// GENERATED FILE: ${what}, from ${specLabel} by packages/client/scripts/generate.mjs. Do not edit;\n` +
  `// edit the spec and run \`pnpm generate\` (or any of build, typecheck, test) instead.\n`;

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the spec: its operationId, method, path and JSON request-body schema. */
function operationsOf(spec) {
  const found = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = item?.[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${specLabel}: ${method.toUpperCase()} ${path} has no operationId`);
      const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
      found.push({ id: operation.operationId, method: method.toUpperCase(), path, bodySchema });
    }
  }
  return found;
}

/** Keywords that only annotate a schema; dropped from the validators, whose size ships to users. */
const annotations = new Set(["description", "examples", "example", "title", "$comment"]);

/**
 * Prepares a spec schema for Ajv: rewrites `#/components/schemas/X` to
 * `urn:gong-flows:components#/$defs/X` and drops annotation keywords. `isNameMap` marks objects whose
 * keys are property or definition names (`properties`, `$defs`), where a key such as `description`
 * is a name to keep, not an annotation.
 */
function forAjv(node, isNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => forAjv(item));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && annotations.has(key)) continue;
    if (!isNameMap && key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
      out[key] = `urn:gong-flows:components#/$defs/${value.slice("#/components/schemas/".length)}`;
    } else {
      out[key] = forAjv(value, !isNameMap && ["properties", "patternProperties", "$defs", "dependentSchemas"].includes(key));
    }
  }
  return out;
}

async function generateTypes() {
  const ast = await openapiTS(new URL(`file://${specPath}`), {
    // Responses are tolerant and no response property is required (see the spec's conventions), so
    // every response field is optional in the types as well: callers must handle absent fields.
    alphabetize: false,
  });
  return `${header("TypeScript types")}\n${astToString(ast)}`;
}

function generateValidators(spec) {
  const ajv = new Ajv2020({
    allErrors: true, // report every problem in one GongValidationError, not just the first
    messages: false, // the client words its own messages from keyword and params (validate.ts)
    strict: true,
    code: { source: true, esm: true, lines: true, optimize: true },
  });
  // The email RegExp of ajv-formats, given as a RegExp so that standalone code inlines it.
  ajv.addFormat("email", fullFormats.email);
  ajv.addSchema({ $id: "urn:gong-flows:components", $defs: forAjv(spec.components.schemas, true) });

  const exportsMap = {};
  for (const { id, bodySchema } of operationsOf(spec)) {
    if (!bodySchema) continue;
    const schemaId = `urn:gong-flows:request:${id}`;
    ajv.addSchema({ $id: schemaId, ...forAjv(bodySchema) });
    exportsMap[id] = schemaId;
  }
  // Ajv's one runtime helper for these schemas counts a string's length in Unicode code points (for
  // `minLength`); it is inlined so that the client needs nothing from Ajv at run time.
  const code = standaloneCode(ajv, exportsMap).replaceAll(
    'require("ajv/dist/runtime/ucs2length").default',
    "(str) => { let length = 0; for (const _ of str) length++; return length; }",
  );
  if (/\brequire\(/.test(code) || /^import /m.test(code)) {
    throw new Error("Ajv standalone output imports a runtime helper; the client must not depend on Ajv");
  }
  return `${header("Request-body validators (Ajv standalone code)")}// @ts-nocheck\n${code}\n`;
}

/**
 * The operations by route, so that the client can name the operation of any request it sends
 * (through its methods or through `raw`) in errors and log events.
 */
function generateOperations(spec) {
  const entries = operationsOf(spec).map(({ id, method, path }) => `  ${JSON.stringify(`${method} ${path}`)}: ${JSON.stringify(id)},`);
  return (
    header("The operations of the spec, by route") +
    "\n/** The operationId of every operation of the spec, keyed by `METHOD /path`. */\n" +
    "export const operationsByRoute: Readonly<Record<string, string>> = {\n" + entries.join("\n") + "\n};\n"
  );
}

const spec = parse(await readFile(specPath, "utf8"));
await mkdir(outDir, { recursive: true });
const files = {
  "schema.ts": await generateTypes(),
  "validators.ts": generateValidators(spec),
  "operations.ts": generateOperations(spec),
};
for (const [name, text] of Object.entries(files)) await writeFile(resolve(outDir, name), text);
// The spec the client was generated from, byte for byte, for users to point any tool at.
await copyFile(specPath, resolve(packageDir, "openapi.yaml"));
console.log(`generated ${relative(repoRoot, outDir)}/{${Object.keys(files).join(",")}} from ${specLabel}`);
