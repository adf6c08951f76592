import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    // Each lint test runs Spectral in a process of its own: seconds on an idle machine, many more on a
    // busy one.
    testTimeout: 180_000,
  },
});
