import { fileURLToPath } from "node:url";

/** This package's directory (the same from `src/` under vitest and from `dist/`). */
export const packageDir = fileURLToPath(new URL("..", import.meta.url));
/** The repository's root. */
export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
