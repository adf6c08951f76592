import cliAssign from "./experiments/cli-assign/index.js";
import busyLimit from "./experiments/busy-limit/index.js";
import bulk from "./experiments/bulk/index.js";
import cliBulk from "./experiments/cli-bulk/index.js";
import coldImport from "./experiments/cold-import/index.js";
import devLoop from "./experiments/dev-loop/index.js";
import overhead from "./experiments/overhead/index.js";
import profile from "./experiments/profile/index.js";
import sharedLimit from "./experiments/shared-limit/index.js";
import size from "./experiments/size/index.js";
import type { RegisteredExperiment } from "./experiment.js";

/** Every experiment, in the order of the page's goals table. Adding one: its folder, and a line here. */
export const experiments: readonly RegisteredExperiment[] = [
  overhead,
  size,
  coldImport,
  bulk,
  sharedLimit,
  busyLimit,
  cliBulk,
  cliAssign,
  devLoop,
  profile,
];
