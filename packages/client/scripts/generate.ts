#!/usr/bin/env node
// Writes src/generated/ from spec/openapi.yaml and copies the spec to openapi.yaml (shipped as
// `@gong-flows/client/openapi.yaml`), so the spec stays the single source of truth. Run by `pnpm generate`.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@gong-flows/spec-reader";
import { generateSources } from "./generate-sources.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const specPath = resolve(repoRoot, "spec/openapi.yaml");
const outDir = resolve(packageDir, "src/generated");

const files = await generateSources(await readSpec(specPath));
await mkdir(outDir, { recursive: true });
for (const [name, text] of Object.entries(files)) await writeFile(resolve(outDir, name), text);
// The spec the client was generated from, byte for byte, for users to point any tool at.
await copyFile(specPath, resolve(packageDir, "openapi.yaml"));
console.log(
  `generated ${relative(repoRoot, outDir)}/{${Object.keys(files).join(",")}} from ${relative(repoRoot, specPath)}`,
);
