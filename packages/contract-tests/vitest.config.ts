import { defineConfig } from "vitest/config";
import { targetKindFromEnv } from "./src/target.js";

const live = targetKindFromEnv(process.env) === "live";
// `CONTRACT_REQUESTS_PER_SECOND=0`: a local server with no limit to respect, so no pacing to keep.
const paced = live && process.env["CONTRACT_REQUESTS_PER_SECOND"]?.trim() !== "0";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    // A live server is paced to Gong's 3 calls a second, so its property-based checks take minutes.
    testTimeout: live ? 900_000 : 60_000,
    hookTimeout: 60_000,
    // The test files share no mutable state (each builds its own servers and clients), while loading
    // the spec, Ajv, fast-check and the client anew in every file would cost more than the tests.
    isolate: false,
    // Gong's limit is per company: against a paced live server the files run one at a time so that
    // the pacing of each file is the pacing of the run.
    fileParallelism: !paced,
  },
});
