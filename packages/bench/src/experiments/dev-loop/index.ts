import { defineExperiment } from "../../experiment.js";
import { repoRoot } from "../../lib/paths.js";
import { type DevLoopResult, measureDevLoop } from "./measure.js";
import { devLoopGoalRows, renderDevLoop } from "./report.js";

export default defineExperiment<DevLoopResult>({
  id: "dev-loop",
  key: "devLoop",
  flag: "--dev-loop",
  title: "developer loop on a fresh clone (takes minutes)",
  run: ({ log }) => measureDevLoop({ repoDir: repoRoot, onProgress: log }),
  goalRows: devLoopGoalRows,
  render: renderDevLoop,
});
