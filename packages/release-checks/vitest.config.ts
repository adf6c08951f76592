import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each scenario builds a scratch git repository and runs oasdiff or a command line in a process of
    // its own: seconds on an idle machine, and many more on a busy one.
    testTimeout: 180_000,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // A worker loads the package's modules once for all its files: no file here replaces a module or
    // changes global state.
    isolate: false,
  },
});
