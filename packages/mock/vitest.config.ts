import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsc --noEmit`
    // over tsconfig.json, which includes test/), where a failed expectTypeOf is a type error: not twice.
  },
});
