#!/usr/bin/env node
// Generates src/generated/spec-schemas.ts from spec/openapi.yaml: the spec's component schemas as a
// JSON Schema 2020-12 resource (`urn:gong-flows:spec`, schemas under `$defs`), which the mock compiles
// with Ajv to check the flow instances it is given (`--data FILE`, `assignedFlows`, `seed`) against
// the spec's own AssignedFlow. Generated, so that an edit of the spec reaches the mock with no second
// edit and without reading files at run time (the handlers also run in browsers).
// Run by `pnpm generate` (a turbo task whose inputs include the spec); never edit the output by hand.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const specPath = resolve(repoRoot, "spec/openapi.yaml");
const outFile = resolve(packageDir, "src/generated/spec-schemas.ts");

/** Keywords that only annotate (OpenAPI's `example` and vendor extensions are not JSON Schema). */
const isAnnotation = (key) => ["description", "examples", "example", "title", "$comment"].includes(key) || key.startsWith("x-");

/**
 * Rewrites `#/components/schemas/X` to `#/$defs/X` and drops annotations. `isNameMap` marks objects
 * whose keys are names (`properties`, `$defs`), where `description` is a property, not an annotation.
 */
function forAjv(node, isNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => forAjv(item));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && isAnnotation(key)) continue;
    if (!isNameMap && key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
      out[key] = `#/$defs/${value.slice("#/components/schemas/".length)}`;
    } else {
      out[key] = forAjv(value, !isNameMap && ["properties", "patternProperties", "$defs", "dependentSchemas"].includes(key));
    }
  }
  return out;
}

const spec = parse(await readFile(specPath, "utf8"));
const resource = { $id: "urn:gong-flows:spec", $defs: forAjv(spec.components?.schemas ?? {}, true) };
if (!resource.$defs.AssignedFlow) throw new Error(`${relative(repoRoot, specPath)} has no components.schemas.AssignedFlow`);

const text =
  `// GENERATED FILE: the spec's component schemas, from ${relative(repoRoot, specPath)} by packages/mock/scripts/generate.mjs.\n` +
  "// Do not edit; edit the spec and run `pnpm generate` (or any of build, typecheck, test) instead.\n\n" +
  "/** The spec's `components.schemas` as one JSON Schema 2020-12 resource, annotations dropped. */\n" +
  `export const specSchemas = ${JSON.stringify(resource, null, 2)} as const;\n`;
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, text);
console.log(`generated ${relative(repoRoot, outFile)} from ${relative(repoRoot, specPath)}`);
