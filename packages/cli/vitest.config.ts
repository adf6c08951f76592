import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Several files start the built CLI as a process: seconds each on a busy machine.
    testTimeout: 60_000,
    // Three files at a time (vitest's default on two cores is one): the slow files spend their time
    // waiting — on CLI processes kept to a rate, on the store's bounded wait for a Redis that is gone,
    // on a resumed run waiting out the client's timeout — not on the cores.
    maxWorkers: 3,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsc --noEmit`
    // over tsconfig.json, which includes test/), where a failed expectTypeOf is a type error: not twice.
  },
});
