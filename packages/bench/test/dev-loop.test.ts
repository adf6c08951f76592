import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { scratchDir } from "@gong-flows/testkit";
import { describe, expect, it } from "vitest";
import devLoop from "../src/experiments/dev-loop/index.js";
import {
  dependentsOf,
  executedTasks,
  latestRunSummary,
  parseRunSummary,
  slowestTasks,
  unexpectedTasks,
  workspacePackages,
} from "../src/experiments/dev-loop/tasks.js";
import type { DevLoopResult } from "../src/experiments/dev-loop/measure.js";
import { editedSource, rootTasksReadingPackages } from "../src/experiments/dev-loop/measure.js";
import { repoRoot } from "../src/lib/paths.js";
import type { MachineInfo } from "../src/results.js";
import { machine } from "./fixtures.js";

/** A run summary as turbo 2 writes it with --summarize (the fields the bench reads, and others it ignores). */
const summary = (
  tasks: { id: string; status: "HIT" | "MISS"; start: number; end: number; exitCode?: number }[],
  startTime = 1_000,
) =>
  JSON.stringify({
    id: "run",
    turboVersion: "2.6.0",
    execution: { command: "turbo run test", startTime, endTime: startTime + 100_000, exitCode: 0 },
    tasks: tasks.map((task) => ({
      taskId: task.id,
      task: task.id.split("#")[1],
      cache: { local: task.status === "HIT", remote: false, status: task.status, timeSaved: 0 },
      execution: { startTime: task.start, endTime: task.end, exitCode: task.exitCode ?? 0 },
    })),
  });

const cold = summary([
  { id: "@gong-flows/cli#test", status: "MISS", start: 0, end: 61_500 },
  { id: "@gong-flows/client#build", status: "HIT", start: 0, end: 900 },
  { id: "@gong-flows/consumer-tests#test", status: "MISS", start: 1_000, end: 49_000 },
  { id: "//#test:spec", status: "MISS", start: 2_000, end: 14_000 },
  { id: "@gong-flows/mock#test", status: "MISS", start: 0, end: 20_000 },
  { id: "@gong-flows/client#test", status: "MISS", start: 0, end: 25_000 },
  { id: "@gong-flows/testkit#test", status: "MISS", start: 0, end: 9_000 },
]);

describe("the developer loop's reading of turbo's run summaries", () => {
  it("times each task from its start to its end, and knows a cache hit", () => {
    const tasks = parseRunSummary(cold);
    expect(tasks[0]).toEqual({ taskId: "@gong-flows/cli#test", seconds: 61.5, cacheHit: false, exitCode: 0 });
    expect(tasks[1]).toMatchObject({ taskId: "@gong-flows/client#build", cacheHit: true });
  });

  it("names the five slowest tasks that ran, slowest first, and never a replayed one", () => {
    expect(slowestTasks(parseRunSummary(cold), 5).map((task) => [task.taskId, task.seconds])).toEqual([
      ["@gong-flows/cli#test", 61.5],
      ["@gong-flows/consumer-tests#test", 48],
      ["@gong-flows/client#test", 25],
      ["@gong-flows/mock#test", 20],
      ["//#test:spec", 12],
    ]);
  });

  it("refuses a file that is not a run summary rather than reporting no task", () => {
    expect(() => parseRunSummary("{}")).toThrow(/no `tasks` list/);
    expect(() => parseRunSummary(JSON.stringify({ tasks: [{}] }))).toThrow(/task 0 has no taskId/);
  });

  it("reads the newest summary of .turbo/runs, by the run's own start", async () => {
    const scratch = await scratchDir("gong-flows-devloop-test-");
    try {
      await mkdir(join(scratch.path, ".turbo/runs"), { recursive: true });
      await writeFile(
        join(scratch.path, ".turbo/runs/zzz.json"),
        summary([{ id: "a#test", status: "MISS", start: 0, end: 1_000 }], 1_000),
      );
      await writeFile(
        join(scratch.path, ".turbo/runs/aaa.json"),
        summary([{ id: "b#test", status: "MISS", start: 0, end: 1_000 }], 2_000),
      );
      expect((await latestRunSummary(scratch.path)).map((task) => task.taskId)).toEqual(["b#test"]);
    } finally {
      await scratch.remove();
    }
  });
});

describe("which tasks an edit of one package may re-run", () => {
  const packages = [
    { name: "@gong-flows/client", dependsOn: ["@gong-flows/testkit"] },
    { name: "@gong-flows/cli", dependsOn: ["@gong-flows/client", "@gong-flows/testkit"] },
    { name: "@gong-flows/consumer-tests", dependsOn: ["@gong-flows/cli", "@gong-flows/client"] },
    { name: "@gong-flows/bench", dependsOn: ["@gong-flows/consumer-tests"] },
    { name: "@gong-flows/mock", dependsOn: ["@gong-flows/client"] },
    { name: "@gong-flows/testkit", dependsOn: [] },
  ];

  it("the edited package and everything that depends on it, directly or not", () => {
    expect([...dependentsOf("@gong-flows/cli", packages)].sort()).toEqual([
      "@gong-flows/bench",
      "@gong-flows/cli",
      "@gong-flows/consumer-tests",
    ]);
  });

  it("names the executed tasks of packages that do not depend on it, and root tasks that do not read it", () => {
    const executed = executedTasks(
      parseRunSummary(
        summary([
          { id: "@gong-flows/cli#test", status: "MISS", start: 0, end: 1 },
          { id: "@gong-flows/consumer-tests#test", status: "MISS", start: 0, end: 1 },
          { id: "@gong-flows/mock#test", status: "MISS", start: 0, end: 1 },
          { id: "@gong-flows/client#test", status: "HIT", start: 0, end: 1 },
          { id: "//#lint:code", status: "MISS", start: 0, end: 1 },
          { id: "//#test:spec", status: "MISS", start: 0, end: 1 },
        ]),
      ),
    );
    expect(executed).toEqual([
      "//#lint:code",
      "//#test:spec",
      "@gong-flows/cli#test",
      "@gong-flows/consumer-tests#test",
      "@gong-flows/mock#test",
    ]);
    expect(unexpectedTasks(executed, "@gong-flows/cli", packages, rootTasksReadingPackages)).toEqual([
      "//#test:spec",
      "@gong-flows/mock#test",
    ]);
  });

  it("reads this repository's packages, and the edited file is one of the package's sources", async () => {
    const real = await workspacePackages(repoRoot);
    const cli = real.find((pkg) => pkg.name === editedSource.packageName);
    expect(cli?.dependsOn).toEqual(expect.arrayContaining(["@gong-flows/client"]));
    expect(dependentsOf(editedSource.packageName, real).has("@gong-flows/consumer-tests")).toBe(true);
    expect(dependentsOf(editedSource.packageName, real).has("@gong-flows/mock")).toBe(false);
    // Tracked by git, so the benchmark's clone has it.
    expect(execFileSync("git", ["ls-files", editedSource.path], { cwd: repoRoot, encoding: "utf8" }).trim()).toBe(
      editedSource.path,
    );
  });
});

describe("the developer loop on the page", () => {
  const measured: DevLoopResult & { machine: MachineInfo } = {
    commit: "0123456789abcdef",
    commitSubject: "a commit",
    date: machine.date,
    node: "v20.20.2",
    pnpm: "10.34.9",
    cloneSeconds: 1,
    installSeconds: 10,
    buildSeconds: 40,
    testColdSeconds: 140.2,
    testColdLoad: { before: 0.4, after: 2.1 },
    slowestTasks: slowestTasks(parseRunSummary(cold), 5),
    testCachedSeconds: 0.8,
    cachedRuns: 3,
    cachedFullyHit: true,
    testAfterSourceEditSeconds: 70,
    sourceEditReran: {
      file: "packages/cli/src/bin.ts",
      executed: ["@gong-flows/cli#test", "@gong-flows/mock#test"],
      unexpected: ["@gong-flows/mock#test"],
    },
    generateAfterSpecEditSeconds: 3,
    specEditChangedTypes: true,
    testAfterSpecEditSeconds: 90,
    ciRunSeconds: 312,
    failures: [],
    machine,
  };

  it("puts each figure beside its goal, met or missed", () => {
    const [coldRow, ciRow, editRow] = devLoop.goalRows(measured);
    expect(coldRow).toEqual([
      "Developer loop: cold `pnpm test`",
      "≤ 150 s on a quiet 2-core machine",
      "140.2 s on commit `0123456` (2026-12-07) (load average 0.4 → 2.1 on 2 cores)",
      "**met**",
    ]);
    expect(ciRow?.slice(2)).toEqual(["312.0 s on commit `0123456` (2026-12-07)", "**missed** by 12.0 s"]);
    expect(editRow?.[3]).toBe("**missed**: also re-ran `@gong-flows/mock#test`");
    expect(
      devLoop.goalRows({ ...measured, sourceEditReran: { ...measured.sourceEditReran!, unexpected: [] } })[2]?.[3],
    ).toBe("**met**");
  });

  it("lists the slowest five tasks, and says how to measure the loop when it was not", () => {
    const text = devLoop.render(measured);
    expect(text).toContain("| `@gong-flows/cli#test` | 61.5 |");
    expect(text).toContain(
      "| `bash .ci/run` on a second fresh clone (installs, build, every check, the runtime matrix) | 312.0 | ≤ 300 |",
    );
    expect(devLoop.goalRows(undefined).map((row) => row[2])).toEqual(
      Array(3).fill("not measured yet (`pnpm bench --dev-loop`)"),
    );
  });
});
