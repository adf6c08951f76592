import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium starts once per test; on a busy machine that takes seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
