#!/usr/bin/env node
// Copies into the package what it ships besides its build: the test kit's watchdog script, which the
// bundled Prism launcher runs from beside `dist/`. (The spec comes from @gong-flows/client, which
// ships the one it was generated from.) Run by `pnpm build`, before tsup.
import { copyFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// The test kit exports only its entry (dist/index.js): its folder is two levels up.
const testkitDir = dirname(dirname(createRequire(import.meta.url).resolve("@gong-flows/testkit")));
await copyFile(join(testkitDir, "watchdog.mjs"), join(packageDir, "watchdog.mjs"));
