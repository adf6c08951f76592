import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Two files at a time (vitest's default on two cores is one): the slow files run processes of their
    // own (the contract suite against the mock, the mock's CLI) and mostly wait on them.
    maxWorkers: 2,
    // A worker loads the package's modules once for all its files instead of once per file: no file here
    // replaces a module, and none changes global state it does not put back.
    isolate: false,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsgo --noEmit`,
    // TypeScript's native compiler, over tsconfig.json with test/), where a failed expectTypeOf is a type error.
  },
});
