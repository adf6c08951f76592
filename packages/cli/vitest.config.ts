import { defineConfig } from "vitest/config";

/** Files that replace a module with `vi.mock`: they get a module registry of their own. */
const mockingModules = ["test/journal-group-commit.test.ts"];

export default defineConfig({
  test: {
    // Several files start the built CLI as a process: seconds each on a busy machine.
    testTimeout: 60_000,
    // Three files at a time (vitest's default on two cores is one): the slow files spend their time
    // waiting — on CLI processes kept to a rate, on the store's bounded wait for a Redis that is gone,
    // on a resumed run waiting out the client's timeout — not on the cores.
    maxWorkers: 3,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsgo --noEmit`,
    // TypeScript's native compiler, over tsconfig.json with test/), where a failed expectTypeOf is a type error.
    projects: [
      {
        extends: true,
        // A worker loads the CLI's modules once for all its files (about a third of the package's time
        // went to loading them again per file); the files here replace no module and put back what they change.
        test: { name: "shared modules", include: ["test/**/*.test.ts"], exclude: mockingModules, isolate: false },
      },
      { extends: true, test: { name: "own modules", include: mockingModules } },
    ],
  },
});
