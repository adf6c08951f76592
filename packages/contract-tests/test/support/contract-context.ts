// What every contract test file shares: the spec's model, the target of this run, and its pacing.
import { inject } from "vitest";
import { createPacer } from "../../src/pacer.js";
import { isReadOperation, type OperationSpec } from "../../src/spec-operations.js";
import { targetFromEnv } from "../../src/target.js";
import { model } from "./model.js";

export { model };

export const target = targetFromEnv(process.env, {
  prismUrl: inject("prismUrl") ?? undefined,
  defaultLiveBaseUrl: model.defaultServerUrl,
});

/** One pacer per test file; a live run runs its files one at a time, so the pacing holds. */
export const pacer = createPacer(target.requestsPerSecond);

/** The operations this run may call: all of them, or only the reads on a live target without writes. */
export const callableOperations: OperationSpec[] = model.operations.filter((operation) => target.allowWrites || isReadOperation(operation));

/**
 * The operations that get generated inputs (checks 4 and 5): all of them on Prism; only the reads on
 * a live server, where writes run on the flow instances a list call returned (live-writes.test.ts)
 * and never on generated ids.
 */
export const generatedInputOperations: OperationSpec[] = callableOperations.filter(
  (operation) => target.kind === "prism" || isReadOperation(operation),
);

/** fast-check settings of every property-based check: fixed seed, so a failure replays exactly. */
export const propertySettings = { numRuns: target.numRuns, seed: target.seed } as const;
