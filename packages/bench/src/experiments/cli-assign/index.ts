import { gongLimits } from "@gong-flows/client";
import { defineExperiment } from "../../experiment.js";
import { type CliAssignResult, measureCliAssign } from "./measure.js";
import { cliAssignGoalRows, renderCliAssign } from "./report.js";

/**
 * 10,000 prospects assigned to one flow by `gong-flows assign`, at Gong's own limit of 3 calls/s (the
 * mock and the client both): about 201 calls, a little over a minute a round; two rounds.
 */
const options = {
  prospects: 10_000,
  requestsPerSecond: gongLimits.callsPerSecond,
  rounds: 2,
  flowName: "Event Follow-up",
  owner: "test@test.com",
};

export default defineExperiment<CliAssignResult>({
  id: "cli-assign",
  key: "cliAssign",
  title: `cli assign: ${options.prospects} prospects into one flow against the mock at ${options.requestsPerSecond} calls/s`,
  run: ({ log }) => measureCliAssign({ ...options, onProgress: log }),
  goalRows: cliAssignGoalRows,
  render: renderCliAssign,
});
