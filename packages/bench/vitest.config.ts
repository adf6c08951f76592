import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Bundling the client with esbuild and starting local servers take a moment on a busy machine.
    testTimeout: 60_000,
    // Servers and processes start in hooks too; a busy machine starts them slowly.
    hookTimeout: 60_000,
    // A worker loads the package's modules once for all its files: no file here replaces a module or
    // changes global state.
    isolate: false,
  },
});
