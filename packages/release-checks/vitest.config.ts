import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each scenario builds a scratch git repository and runs oasdiff or a command line in a process of
    // its own: seconds on an idle machine, and many more on a busy one.
    testTimeout: 180_000,
  },
});
