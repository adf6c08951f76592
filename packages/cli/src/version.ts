import { createRequire } from "node:module";

/** This package's version, from its package.json (one level above `src/` and `dist/`). */
export const version: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/** The name and version written in journals and reports, and printed by `--version`. */
export const toolName = `@gong-flows/cli ${version}`;
