import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // As in tsup.config.ts: the tests run the sources, which name the package's version.
  define: { __GONG_FLOWS_CLIENT_VERSION__: JSON.stringify(version) },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Two files at a time (vitest's default on two cores is one): the slow files wait on real time —
    // Retry-After, timeouts, the one spacing test that only real time can judge.
    maxWorkers: 2,
    // A worker loads the package's modules once for all its files instead of once per file: no file here
    // replaces a module, and those that fake timers or set the environment put them back after each test.
    isolate: false,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsgo --noEmit`,
    // TypeScript's native compiler, over tsconfig.json with test/), where a failed expectTypeOf is a type error.
  },
});
