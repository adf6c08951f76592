import { defineExperiment } from "../../experiment.js";
import { sharedLimitChart } from "./chart.js";
import { measureSharedLimit, type SharedLimitResult } from "./measure.js";
import { renderSharedLimit, sharedLimitSummaryRows } from "./report.js";

/**
 * N processes sharing 10 requests/s, each run 5 s of sending, 2 interleaved rounds per (arm, N); then
 * the cost of a turn that need not wait, 15 rounds of 100 calls per arm.
 */
const options = {
  requestsPerSecond: 10,
  processCounts: [1, 2, 4, 8],
  runMs: 5_000,
  rounds: 2,
  turnCostRounds: 15,
  turnCostCalls: 100,
};

export default defineExperiment<SharedLimitResult>({
  id: "shared-limit",
  key: "sharedLimit",
  title: `shared limit: ${options.processCounts.join(", ")} processes sharing ${options.requestsPerSecond} requests/s through Redis`,
  run: ({ log }) => measureSharedLimit({ ...options, onProgress: log }),
  goalRows: sharedLimitSummaryRows,
  render: renderSharedLimit,
  chart: (result) => {
    const svg = sharedLimitChart(result);
    return svg === undefined ? undefined : { file: "benchmarks-shared-limit.svg", svg };
  },
});
