import { defineConfig } from "vitest/config";

/**
 * The files that judge timing where a server sees it (a recording server in another process): they run
 * one at a time and after the others, so that no other file of this package competes with them for the
 * machine's two cores. The rest judge by Redis's own clock or not by time at all, and run two at a time.
 */
const timedAtServer = ["test/multi-process.test.ts", "test/client.test.ts"];

export default defineConfig({
  test: {
    // Each file starts its own redis-server and, for the multi-process tests, Node processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "store",
          include: ["test/**/*.test.ts"],
          exclude: timedAtServer,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "timed at a server",
          include: timedAtServer,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsgo --noEmit`,
    // TypeScript's native compiler, over tsconfig.json with test/), where a failed expectTypeOf is a type error.
  },
});
