import type { RegisteredExperiment } from "./experiment.js";

/**
 * Every experiment, in the order of the page's goals table. Adding one is its folder under
 * `experiments/` and its line here (and its two markers on the page).
 */
export const experiments: readonly RegisteredExperiment[] = [
  (await import("./experiments/overhead/index.js")).default,
  (await import("./experiments/size/index.js")).default,
  (await import("./experiments/cold-import/index.js")).default,
  (await import("./experiments/bulk/index.js")).default,
  (await import("./experiments/shared-limit/index.js")).default,
  (await import("./experiments/busy-limit/index.js")).default,
  (await import("./experiments/cli-bulk/index.js")).default,
  (await import("./experiments/cli-assign/index.js")).default,
  (await import("./experiments/dev-loop/index.js")).default,
];
