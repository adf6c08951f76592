import { defineExperiment, type Stored } from "../../experiment.js";
import { fixed, machineLine, table, verdict } from "../../format.js";
import { repoRoot } from "../../lib/paths.js";
import { type DevLoopResult, measureDevLoop } from "./measure.js";

/** A cold `pnpm test` (after install and build, empty turbo cache) on a quiet 2-core machine, seconds. */
const maxColdTestSeconds = 150;
/** `bash .ci/run` on a fresh clone (installs included, runtime cache warm), seconds. */
const maxCiRunSeconds = 300;
const seconds = fixed(1);
const within = (value: number, max: number): string => verdict(value <= max, ` by ${seconds(value - max)} s`);
const ticked = (tasks: readonly string[]): string => tasks.map((task) => `\`${task}\``).join(", ");
const goals = {
  cold: ["Developer loop: cold `pnpm test`", `≤ ${maxColdTestSeconds} s on a quiet 2-core machine`],
  ci: ["Developer loop: `bash .ci/run` on a fresh clone", `≤ ${maxCiRunSeconds} s`],
  edit: [
    "Developer loop: `pnpm test` after a one-line edit in `packages/cli/src`",
    "re-runs only the edited package's tasks and its dependents'",
  ],
} as const;

/** " (load average 1.2 → 3.4 on 2 cores)": how busy the machine was, beside a figure it inflates. */
const load = (d: Stored<DevLoopResult>): string =>
  ` (load average ${d.testColdLoad.before.toFixed(1)} → ${d.testColdLoad.after.toFixed(1)} on ${d.machine.cores} cores)`;

export default defineExperiment<DevLoopResult>({
  id: "dev-loop",
  key: "devLoop",
  flag: "--dev-loop",
  title: "developer loop on a fresh clone (takes minutes)",
  run: (log) => measureDevLoop(repoRoot, log),
  goalRows(d) {
    if (d === undefined)
      return Object.values(goals).map(([goal, target]) => [
        goal,
        target,
        "not measured yet (`pnpm bench --dev-loop`)",
        "—",
      ]);
    // The loop is measured on purpose, rarely: each figure names the commit it was measured on.
    const on = ` on commit \`${d.commit.slice(0, 7)}\` (${d.date.slice(0, 10)})`;
    const edit = d.sourceEditReran;
    return [
      [...goals.cold, `${seconds(d.testColdSeconds)} s${on}${load(d)}`, within(d.testColdSeconds, maxColdTestSeconds)],
      [...goals.ci, `${seconds(d.ciRunSeconds)} s${on}`, within(d.ciRunSeconds, maxCiRunSeconds)],
      [
        `Developer loop: \`pnpm test\` after a one-line edit of \`${edit.file}\``,
        goals.edit[1],
        `${seconds(d.testAfterSourceEditSeconds)} s${on}; ${edit.executed.length} task(s) re-run: ${ticked(edit.executed)}`,
        verdict(edit.unexpected.length === 0, `: also re-ran ${ticked(edit.unexpected)}`),
      ],
    ];
  },
  render(d) {
    const install = `\`pnpm install ${d.installNote ? "--no-frozen-lockfile" : "--frozen-lockfile"}\``;
    const rows = [
      ["`git clone`", seconds(d.cloneSeconds), "—"],
      [`${install} (pnpm store already filled: no downloads)`, seconds(d.installSeconds), "—"],
      ["`pnpm build`", seconds(d.buildSeconds), "—"],
      [
        `\`pnpm test\`, first run after install and build (empty turbo cache)${load(d)}`,
        seconds(d.testColdSeconds),
        `≤ ${maxColdTestSeconds}`,
      ],
      [
        `\`pnpm test\` again, nothing changed (median of ${d.cachedRuns}; ${d.cachedFullyHit ? "every task a cache hit" : "not every task a cache hit"})`,
        seconds(d.testCachedSeconds),
        "—",
      ],
      [
        `\`pnpm test\` after a one-line edit of \`${d.sourceEditReran.file}\` (${d.sourceEditReran.executed.length} tasks re-run)`,
        seconds(d.testAfterSourceEditSeconds),
        "only its dependents",
      ],
      [
        `\`pnpm generate\` after a spec edit (${d.specEditChangedTypes ? "types regenerated" : "types unchanged"})`,
        seconds(d.generateAfterSpecEditSeconds),
        "—",
      ],
      ["`pnpm test` after a spec edit", seconds(d.testAfterSpecEditSeconds), "—"],
      [
        "`bash .ci/run` on a second fresh clone (installs, build, every check, the runtime matrix)",
        seconds(d.ciRunSeconds),
        `≤ ${maxCiRunSeconds}`,
      ],
    ];
    const slowest = d.slowestTasks.map((task) => [`\`${task.taskId}\``, seconds(task.seconds)]);
    return [
      `Measured on: ${machineLine(d.machine, false)}; pnpm ${d.pnpm}. Commit measured: \`${d.commit.slice(0, 12)}\` (“${d.commitSubject}”), cloned fresh into a temporary directory.`,
      table(["step", "seconds", "goal (s)"], rows),
      "The five slowest tasks of the cold run (turbo's start to end, two at a time):",
      table(["task", "seconds"], slowest),
      ...(d.installNote ? [`> Note: ${d.installNote}.`] : []),
      d.failures.length > 0
        ? `> Note: on the measured commit some timed runs failed, so their times include a failure, and a failed task is not cached: ${d.failures.join("; ")}.`
        : "Every timed run passed.",
    ].join("\n\n");
  },
});
