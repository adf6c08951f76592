import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Several files start the built CLI as a process: seconds each on a busy machine.
    testTimeout: 60_000,
    // Two files at a time (vitest's default on two cores is one): the slow files spend their time
    // waiting — on CLI processes kept to a rate, on the store's bounded wait for a Redis that is gone.
    maxWorkers: 2,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsc --noEmit`
    // over tsconfig.json, which includes test/), where a failed expectTypeOf is a type error: not twice.
  },
});
