import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own redis-server and, for the multi-process tests, Node processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The multi-process files measure timing at a recording server: one file at a time keeps them from
    // competing with each other for the machine's two cores.
    fileParallelism: false,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsc --noEmit`
    // over tsconfig.json, which includes test/), where a failed expectTypeOf is a type error: not twice.
  },
});
