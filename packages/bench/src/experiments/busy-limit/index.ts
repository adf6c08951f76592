import { gongLimits } from "@gong-flows/client";
import { defineExperiment } from "../../experiment.js";
import { type BusyLimitResult, measureBusyLimit } from "./measure.js";
import { busyLimitSummaryRows, renderBusyLimit } from "./report.js";

/**
 * Gong's 3 requests/s, 1, 2, 4 and 8 processes (Redis store) or calls in flight (memory store), each run
 * 15 s of calling (the first requests' new connections cost once per run), one round: the arms take
 * about 3 minutes with every core busy.
 */
const options = { requestsPerSecond: gongLimits.callsPerSecond, counts: [1, 2, 4, 8], runMs: 15_000, rounds: 1 };

export default defineExperiment<BusyLimitResult>({
  id: "busy-limit",
  key: "busyLimit",
  title: `rate limit on a busy machine: ${options.requestsPerSecond} requests/s, N = ${options.counts.join(", ")}, every core busy`,
  run: ({ log }) => measureBusyLimit({ ...options, onProgress: log }),
  goalRows: busyLimitSummaryRows,
  render: renderBusyLimit,
});
