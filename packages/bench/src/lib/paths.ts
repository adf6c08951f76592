import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** This package's directory (the same from `src/` under vitest and from `dist/`). */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url));
/** The repository's root. */
export const repoRoot = join(packageDir, "../..");
/**
 * A compiled script under `dist/` (Node 20 runs no TypeScript), for child processes: the same path from
 * `src/` under vitest as from `dist/`.
 */
export const distEntry = (path: string): string => join(packageDir, "dist", path);
/** `packages/bench/results/latest.json`. */
export const latestPath = join(packageDir, "results/latest.json");
/** `docs/benchmarks.md`, whose generated blocks every run refreshes. */
export const docPath = join(repoRoot, "docs/benchmarks.md");
