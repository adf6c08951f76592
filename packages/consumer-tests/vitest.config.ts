import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The runtime matrix has a command of its own, `pnpm test:runtimes` (vitest.runtimes.config.ts).
    exclude: ["test/runtimes/**"],
    // Packing, an npm install and TypeScript compiles: tens of seconds, done once in beforeAll.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
