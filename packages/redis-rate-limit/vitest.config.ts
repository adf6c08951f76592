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
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
