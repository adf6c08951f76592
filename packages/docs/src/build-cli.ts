#!/usr/bin/env node
/**
 * `pnpm build` of this package: writes `dist/api-reference.html` from `spec/openapi.yaml`.
 * Usage: `build-cli [spec] [page]` (defaults: the repository's spec, `dist/api-reference.html`).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReference, defaultPagePath, defaultSpecPath } from "./build-reference.js";

const [specArg, pageArg] = process.argv.slice(2);
const specPath = specArg ? pathToFileURL(resolve(specArg)) : defaultSpecPath;
const pagePath = pageArg ? pathToFileURL(resolve(pageArg)) : defaultPagePath;
const { bytes } = await buildReference(specPath, pagePath);
console.log(`API reference: ${pagePath.pathname} (${(bytes / 1024).toFixed(0)} KiB, self-contained)`);
