import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each scenario builds a scratch git repository and runs oasdiff: seconds, not milliseconds.
    testTimeout: 60_000,
  },
});
