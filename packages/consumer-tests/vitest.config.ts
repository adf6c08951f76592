import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The runtime matrix has a command of its own, `pnpm test:runtimes` (vitest.runtimes.config.ts).
    exclude: ["test/runtimes/**"],
    // Each published package is packed once for the run; the files install the tarballs they need.
    globalSetup: ["test/support/global-setup.ts"],
    // Three files at a time (vitest's default on two cores is one): most of a file's time is spent
    // waiting — on npm, on a CLI kept to Gong's 3 calls a second — which the others' work fills. This
    // package's tests run last in `pnpm test`, mostly alone: 61 s at three against 78 s at two.
    maxWorkers: 3,
    // Packing, an npm install and TypeScript compiles: tens of seconds, done once in beforeAll.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
