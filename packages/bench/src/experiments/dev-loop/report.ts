import type { Stored as StoredAs } from "../../experiment.js";
import { fixed, machineLine, table } from "../../format.js";
import type { DevLoopResult } from "./measure.js";

/** The developer loop's goals, in one place so the table and the verdicts agree. */
export const devLoopGoals = {
  /** A cold `pnpm test` (after install and build, empty turbo cache) on a quiet 2-core machine, seconds. */
  maxColdTestSeconds: 150,
  /** `bash .ci/run` on a fresh clone (installs included, runtime cache warm), seconds. */
  maxCiRunSeconds: 300,
} as const;

type Stored = StoredAs<DevLoopResult>;

const seconds = fixed(1);
const within = (value: number, max: number): string =>
  value <= max ? "**met**" : `**missed** by ${seconds(value - max)} s`;

/** " (load average 1.2 → 3.4)": how busy the machine was, beside a figure it inflates. */
function load(d: Stored): string {
  return d.testColdLoad
    ? ` (load average ${d.testColdLoad.before.toFixed(1)} → ${d.testColdLoad.after.toFixed(1)} on ${d.machine.cores} cores)`
    : "";
}

/** The developer loop's rows of the page's "Goals at a glance" table. */
export function devLoopGoalRows(d: Stored | undefined): string[][] {
  const notYet = "not measured yet (`pnpm bench --dev-loop`)";
  const coldTarget = `≤ ${devLoopGoals.maxColdTestSeconds} s on a quiet 2-core machine`;
  const ciTarget = `≤ ${devLoopGoals.maxCiRunSeconds} s`;
  const editTarget = "re-runs only the edited package's tasks and its dependents'";
  if (d === undefined) {
    return [
      ["Developer loop: cold `pnpm test`", coldTarget, notYet, "—"],
      ["Developer loop: `bash .ci/run` on a fresh clone", ciTarget, notYet, "—"],
      ["Developer loop: `pnpm test` after a one-line edit in `packages/cli/src`", editTarget, notYet, "—"],
    ];
  }
  // The loop is measured on purpose, rarely: each figure names the commit it was measured on.
  const measuredOn = ` on commit \`${d.commit.slice(0, 7)}\` (${d.date.slice(0, 10)})`;
  const rows = [
    [
      "Developer loop: cold `pnpm test`",
      coldTarget,
      `${seconds(d.testColdSeconds)} s${measuredOn}${load(d)}`,
      within(d.testColdSeconds, devLoopGoals.maxColdTestSeconds),
    ],
  ];
  rows.push(
    d.ciRunSeconds === undefined
      ? ["Developer loop: `bash .ci/run` on a fresh clone", ciTarget, notYet, "—"]
      : [
          "Developer loop: `bash .ci/run` on a fresh clone",
          ciTarget,
          `${seconds(d.ciRunSeconds)} s${measuredOn}`,
          within(d.ciRunSeconds, devLoopGoals.maxCiRunSeconds),
        ],
  );
  const edit = d.sourceEditReran;
  rows.push(
    edit === undefined || d.testAfterSourceEditSeconds === undefined
      ? ["Developer loop: `pnpm test` after a one-line edit in `packages/cli/src`", editTarget, notYet, "—"]
      : [
          `Developer loop: \`pnpm test\` after a one-line edit of \`${edit.file}\``,
          editTarget,
          `${seconds(d.testAfterSourceEditSeconds)} s${measuredOn}; ${edit.executed.length} task(s) re-run: ${edit.executed.map((task) => `\`${task}\``).join(", ")}`,
          edit.unexpected.length === 0
            ? "**met**"
            : `**missed**: also re-ran ${edit.unexpected.map((task) => `\`${task}\``).join(", ")}`,
        ],
  );
  return rows;
}

/** The developer-loop table. */
export function renderDevLoop(d: Stored | undefined): string {
  if (!d) return "_Not measured yet: run `pnpm bench --dev-loop`._";
  const machine = machineLine(d.machine, false);
  const rows = [
    ["`git clone`", seconds(d.cloneSeconds), "—"],
    [
      `\`pnpm install ${d.installNote ? "--no-frozen-lockfile" : "--frozen-lockfile"}\` (pnpm store already filled: no downloads)`,
      seconds(d.installSeconds),
      "—",
    ],
    ...(d.buildSeconds === undefined ? [] : [["`pnpm build`", seconds(d.buildSeconds), "—"]]),
    [
      `\`pnpm test\`, first run after install and build (empty turbo cache)${load(d)}`,
      seconds(d.testColdSeconds),
      `≤ ${devLoopGoals.maxColdTestSeconds}`,
    ],
    [
      `\`pnpm test\` again, nothing changed (median of ${d.cachedRuns}; ${d.cachedFullyHit ? "every task a cache hit" : "not every task a cache hit"})`,
      seconds(d.testCachedSeconds),
      "—",
    ],
    ...(d.testAfterSourceEditSeconds === undefined || d.sourceEditReran === undefined
      ? []
      : [
          [
            `\`pnpm test\` after a one-line edit of \`${d.sourceEditReran.file}\` (${d.sourceEditReran.executed.length} tasks re-run)`,
            seconds(d.testAfterSourceEditSeconds),
            "only its dependents",
          ],
        ]),
    [
      `\`pnpm generate\` after a spec edit (${d.specEditChangedTypes ? "types regenerated" : "types unchanged"})`,
      seconds(d.generateAfterSpecEditSeconds),
      "—",
    ],
    ["`pnpm test` after a spec edit", seconds(d.testAfterSpecEditSeconds), "—"],
    ...(d.ciRunSeconds === undefined
      ? []
      : [
          [
            "`bash .ci/run` on a second fresh clone (installs, build, every check, the runtime matrix)",
            seconds(d.ciRunSeconds),
            `≤ ${devLoopGoals.maxCiRunSeconds}`,
          ],
        ]),
  ];
  const parts = [
    `Measured on: ${machine}; pnpm ${d.pnpm}. Commit measured: \`${d.commit.slice(0, 12)}\` (“${d.commitSubject}”), cloned fresh into a temporary directory.`,
    table(["step", "seconds", "goal (s)"], rows),
  ];
  if (d.slowestTasks && d.slowestTasks.length > 0) {
    parts.push("The five slowest tasks of the cold run (turbo's start to end, two at a time):");
    parts.push(
      table(
        ["task", "seconds"],
        d.slowestTasks.map((task) => [`\`${task.taskId}\``, seconds(task.seconds)]),
      ),
    );
  }
  if (d.installNote) parts.push(`> Note: ${d.installNote}.`);
  parts.push(
    d.failures.length > 0
      ? `> Note: on the measured commit some timed runs failed, so their times include a failure, and a failed task is not cached: ${d.failures.join("; ")}.`
      : "Every timed run passed.",
  );
  return parts.join("\n\n");
}
