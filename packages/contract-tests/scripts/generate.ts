#!/usr/bin/env node
// Generates src/generated/spec.ts: the spec as a TypeScript constant, so the type tests hold the client's
// types to the spec's own paths, statuses and enums with nothing listed by hand. Run by `pnpm generate`.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@gong-flows/spec-reader";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const specPath = process.env["GONG_FLOWS_SPEC"] ?? resolve(repoRoot, "spec/openapi.yaml");
const outFile = resolve(packageDir, "src/generated/spec.ts");

const spec = await readSpec(specPath);
const text =
  `// GENERATED FILE: the spec as a TypeScript constant, from ${relative(repoRoot, specPath)} by ` +
  `packages/contract-tests/scripts/generate.ts.\n// Do not edit; edit the spec and run \`pnpm generate\` (or build, typecheck, test) instead.\n\n` +
  `/** The spec, every value as its literal type: what the type tests read the spec's facts from. */\n` +
  `export const spec = ${JSON.stringify(spec, null, 2)} as const;\n\n` +
  `/** The type of {@link spec}. */\nexport type Spec = typeof spec;\n`;
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, text);
console.log(`generated ${relative(repoRoot, outFile)} from ${relative(repoRoot, specPath)}`);
