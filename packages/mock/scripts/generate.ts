#!/usr/bin/env node
// Generates src/generated/spec-schemas.ts, the spec's component schemas as one JSON Schema resource the
// mock checks its data with; run by `pnpm generate` (why generated: docs/design/mock.md).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listOperations, readSpec, resolveRef, valueAt } from "@gong-flows/spec-reader";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const specPath = resolve(repoRoot, "spec/openapi.yaml");
const outFile = resolve(packageDir, "src/generated/spec-schemas.ts");
const componentSchemas = "#/components/schemas/";

/** Keywords that only annotate (OpenAPI's `example` and vendor extensions are not JSON Schema). */
const isAnnotation = (key: string): boolean =>
  ["description", "examples", "example", "title", "$comment"].includes(key) || key.startsWith("x-");

/**
 * Rewrites `#/components/schemas/X` to `#/$defs/X` and drops annotations. `isNameMap` marks objects
 * whose keys are names (`properties`, `$defs`), where `description` is a property, not an annotation.
 */
function forAjv(node: unknown, isNameMap = false, refBase = ""): unknown {
  if (Array.isArray(node)) return node.map((item) => forAjv(item, false, refBase));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && isAnnotation(key)) continue;
    if (!isNameMap && key === "$ref" && typeof value === "string" && value.startsWith(componentSchemas)) {
      out[key] = `${refBase}#/$defs/${value.slice(componentSchemas.length)}`;
    } else {
      out[key] = forAjv(
        value,
        !isNameMap && ["properties", "patternProperties", "$defs", "dependentSchemas"].includes(key),
        refBase,
      );
    }
  }
  return out;
}

const spec = await readSpec(specPath);
const $defs = forAjv((spec["components"] as { schemas?: unknown } | undefined)?.schemas ?? {}, true) as Record<
  string,
  unknown
>;
if (!$defs["AssignedFlow"]) throw new Error(`${relative(repoRoot, specPath)} has no components.schemas.AssignedFlow`);
const resource = { $id: "urn:gong-flows:spec", $defs };

/** Each operation's query and path parameters: name, where, whether required, and its schema (refs into the resource). */
const parameters = Object.fromEntries(
  listOperations(spec).map((operation) => {
    const list = (valueAt(spec, `${operation.pointer}/parameters`) ?? []) as unknown[];
    return [
      operation.operationId,
      list.map((_, index) => {
        const { node } = resolveRef(spec, `${operation.pointer}/parameters/${index}`);
        return {
          name: node["name"],
          in: node["in"],
          required: node["required"] === true,
          schema: forAjv(node["schema"], false, "urn:gong-flows:spec"),
        };
      }),
    ];
  }),
);

const text =
  `// GENERATED FILE: the spec's component schemas, from ${relative(repoRoot, specPath)} by packages/mock/scripts/generate.ts.\n` +
  "// Do not edit; edit the spec and run `pnpm generate` (or any of build, typecheck, test) instead.\n\n" +
  "/** The spec's `components.schemas` as one JSON Schema 2020-12 resource, annotations dropped. */\n" +
  `export const specSchemas = ${JSON.stringify(resource, null, 2)} as const;\n\n` +
  "/** Each operation's query and path parameters, by operationId: their schemas `$ref` the resource above. */\n" +
  `export const specParameters = ${JSON.stringify(parameters, null, 2)} as const;\n`;
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, text);
console.log(`generated ${relative(repoRoot, outFile)} from ${relative(repoRoot, specPath)}`);
