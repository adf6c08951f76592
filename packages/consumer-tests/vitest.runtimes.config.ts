import { defineConfig } from "vitest/config";

// `pnpm test:runtimes`: the runtime matrix, kept out of `pnpm test` because it downloads runtimes
// (once, into a cache outside the repository) and starts a browser.
export default defineConfig({
  test: {
    include: ["test/runtimes/**/*.test.ts"],
    testTimeout: 180_000,
    // The first run installs four runtimes from npm.
    hookTimeout: 900_000,
  },
});
