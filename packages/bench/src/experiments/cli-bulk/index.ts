import { defineExperiment } from "../../experiment.js";
import { cliBulkChart } from "./chart.js";
import { type CliBulkResult, measureCliBulk } from "./measure.js";
import { cliBulkGoalRows, renderCliBulk } from "./report.js";

/**
 * 10,000 prospects with 1–3 flows each against the mock, Gong's limit scaled up to 100 calls/s so that the
 * job takes seconds (its bound: 200 calls, 2 s) and the naive per-prospect loop (10,000 calls) under two
 * minutes; 5 rounds of the job (the naive loop runs once: the limit sets its figures); then the memory
 * run on 100,000 prospects in a process of its own, no rate limit.
 */
const options = { prospects: 10_000, requestsPerSecond: 100, rounds: 5, memoryProspects: 100_000 };

export default defineExperiment<CliBulkResult>({
  id: "cli-bulk",
  key: "cliBulk",
  title: `cli bulk job: ${options.prospects} prospects against the mock at ${options.requestsPerSecond} calls/s, then memory for ${options.memoryProspects}`,
  run: ({ log }) => measureCliBulk({ ...options, onProgress: log }),
  goalRows: cliBulkGoalRows,
  render: renderCliBulk,
  chart: (result) => ({ file: "benchmarks-cli-bulk.svg", svg: cliBulkChart(result) }),
});
