import { defineConfig } from "vitest/config";
import { resolveSettings } from "./src/run/settings.js";

// The same variables as the command-line runner (CONTRACT_TARGET, CONTRACT_REQUESTS_PER_SECOND…).
const settings = resolveSettings({}, process.env);
const live = settings.target === "live";
// A paced live target (Gong's 3 calls a second): one client, one pace, so the files run one at a time.
const paced = live && settings.requestsPerSecond !== undefined;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // The type tests (test/**/*.test-d.ts) are compiled by this package's `typecheck` task (`tsgo --noEmit`,
    // TypeScript's native compiler, over tsconfig.json with test/), where a failed expectTypeOf is a type error.
    // A live server is paced to Gong's 3 calls a second, so its property-based checks take minutes.
    testTimeout: live ? 900_000 : 60_000,
    hookTimeout: 60_000,
    // The test files share no mutable state (each builds its own servers and clients), while loading
    // the spec, Ajv, fast-check and the client anew in every file would cost more than the tests.
    isolate: false,
    // Gong's limit is per company: against a paced live server the files run one at a time so that
    // the pacing of the run's one client is the pacing of the run.
    fileParallelism: !paced,
    // Otherwise two files at a time (vitest's default on two cores is one): much of a file's time is
    // spent on servers and compilers in processes of their own (Prism, the suite's runs, tsc).
    maxWorkers: paced ? 1 : 2,
  },
});
