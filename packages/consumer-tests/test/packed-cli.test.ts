// @gong-flows/cli as users install it: the packed tarball (with the packed client and Redis rate-limit
// store it depends on, and the packed mock to run against) installed by npm into a scratch project outside the workspace. The
// installed `gong-flows` runs against the installed `gong-flows-mock`, both as processes, at Gong's
// own 3 calls a second: a dry run sends no write; a run killed with SIGKILL finishes when started
// again, nothing sent twice; a tiny daily budget stops with exit 3 and the same command resumes, the
// next (faked) UTC day; bad input lines are reported with their numbers before anything is sent.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateAssignedFlows } from "@gong-flows/mock";
import {
  killProcessGroup,
  spawnInGroup,
  startMockProcess,
  startRedisServer,
  type MockProcess,
} from "@gong-flows/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { workInInstalledProject, type ConsumerProject } from "../src/consumer-project.js";
import { tarballFiles } from "../src/packed-client.js";
import { readmeExamples } from "../src/readme-examples.js";
import { runProcess, type ProcessOutcome } from "../src/run-process.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

let cliTarball: string;
let project: ConsumerProject | undefined;
let mock: MockProcess | undefined;
const flows = generateAssignedFlows({ prospects: 300, flowsPerProspect: [1, 3] }); // 600 flow instances
const prospects = [...new Set(flows.map((flow) => flow.crmProspectId!))];

beforeAll(async () => {
  // Packed once for the run (test/support/global-setup.ts).
  const packed = inject("tarballs");
  cliTarball = packed.cli;
  // The CLI family, with msw (the mock's peer, which its CLI needs), installed once for the run.
  project = await workInInstalledProject(inject("cliFamilyProject"));
  await writeFile(inProject("flows.json"), JSON.stringify({ assignedFlows: flows }));
  await writeFile(inProject("prospects.txt"), `${prospects.join("\n")}\n`);
  // Gong's own limit: 3 calls a second (and no daily quota: the budget test moves the clock).
  mock = await startMockProcess({
    cli: inProject("node_modules/.bin/gong-flows-mock"),
    args: ["--data", "flows.json", "--rps", "3", "--daily-quota", "0"],
    env: childEnv(),
    cwd: project.dir,
  });
});

afterAll(async () => {
  await mock?.stop();
  await project?.remove();
});

beforeEach(async () => {
  await admin("POST", "reset");
});

const inProject = (...parts: string[]) => join(project!.dir, ...parts);
const env = () =>
  childEnv({
    GONG_BASE_URL: mock!.url,
    GONG_ACCESS_KEY: "packed-test-key",
    GONG_ACCESS_KEY_SECRET: "packed-test-secret",
  });

/** The installed `gong-flows`, run as `npx gong-flows` runs it; `faketime` shifts its clock when given. */
function gongFlows(args: readonly string[], options: { faketime?: string } = {}): Promise<ProcessOutcome> {
  const bin = inProject("node_modules/.bin/gong-flows");
  const [command, commandArgs] =
    options.faketime === undefined ? [bin, args] : ["faketime", [options.faketime, bin, ...args]];
  return runProcess(command, commandArgs, { cwd: project!.dir, env: env(), timeoutMs: 120_000 });
}

interface MockStats {
  calls: {
    listAssignedFlows: number;
    unassignFlowsByCrmProspectId: number;
    unassignFlowsByFlowInstanceIds: number;
    total: number;
  };
  statuses: Record<string, number>;
  flowInstances: { assigned: number; unassigned: number };
  alreadyUnassignedIdsSent: number;
}

async function admin(method: "GET" | "POST", route: string): Promise<unknown> {
  const response = await fetch(`${mock!.url}/_mock/${route}`, { method });
  return response.status === 204 ? undefined : response.json();
}
const stats = () => admin("GET", "stats") as Promise<MockStats>;

interface Report {
  flowInstancesPlanned: number;
  unassigned: string[];
  notUnassigned: string[];
  unconfirmed: string[];
  unprocessed: string[];
  runs: number;
  calls: { total: number };
}
const readReport = async (name: string) => JSON.parse(await readFile(inProject(name), "utf8")) as Report;

function expectEveryInstanceAccountedFor(report: Report) {
  const all = [...report.unassigned, ...report.notUnassigned, ...report.unconfirmed, ...report.unprocessed];
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(report.flowInstancesPlanned);
  expect(report.flowInstancesPlanned).toBe(flows.length);
}

describe("the packed @gong-flows/cli tarball", () => {
  it("holds the build, its types, the README, the licence and the manifest — no source maps", async () => {
    const files = await tarballFiles(cliTarball);
    expect(files).toContain("dist/bin.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files.filter((file) => !file.startsWith("dist/"))).toEqual([
      "LICENSE",
      "README.md",
      "bin/gong-flows.js",
      "package.json",
    ]);
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
  });
});

describe("the installed gong-flows against the installed gong-flows-mock", () => {
  it("reports every bad input line with its number and sends nothing (exit 2)", async () => {
    await writeFile(inProject("bad.txt"), `${prospects[0]}\n""\n\n${prospects[1]}\nbad\tid\n`);
    const outcome = await gongFlows(["unassign", "--prospects", "bad.txt", "--yes"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("bad.txt:2: empty id");
    expect(outcome.stderr).toContain("bad.txt:5: id contains the control or invisible character U+0009");
    expect((await stats()).calls.total).toBe(0);
  });

  it("runs a whole job at Gong's 3 calls a second, within the limit", async () => {
    const outcome = await gongFlows(["unassign", "--prospects", "prospects.txt", "--yes", "--report", "whole.json"]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const after = await stats();
    expect(after.statuses["200"]).toBe(6);
    expect(after.flowInstances.assigned).toBe(0);
    // At most one 429, and only when the first request of the process opened its connection late and
    // arrived inside the next one's second (the client's cold start; its next version lets that request
    // go alone). The job holds, then sends it again: the run still ends done, nothing sent twice.
    expect(after.statuses["429"] ?? 0).toBeLessThanOrEqual(1);
    expect(after.alreadyUnassignedIdsSent).toBe(0);
  });

  it("dry run: prints the plan and sends no write", async () => {
    const outcome = await gongFlows(["unassign", "--prospects", "prospects.txt", "--dry-run", "--report", "dry.json"]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/flow instances to remove\s+│ 600/);
    expect(outcome.stdout).toMatch(/calls needed\s+│ 6 \(3 list, 3 unassign-by-instance-id\)/);
    const after = await stats();
    expect(after.calls).toMatchObject({
      listAssignedFlows: 3,
      unassignFlowsByCrmProspectId: 0,
      unassignFlowsByFlowInstanceIds: 0,
    });
    expect(after.flowInstances.unassigned).toBe(0);
  });

  it("killed with SIGKILL mid-run, the same command finishes: every instance unassigned, none sent twice, each in the report", async () => {
    // The resume waits one per-call timeout after the killed request left before it lists its prospects:
    // 10 s rather than the default 30 s, still far above how long the mock takes to answer here.
    const args = [
      "unassign",
      "--prospects",
      "prospects.txt",
      "--yes",
      "--report",
      "killed.json",
      "--timeout-ms",
      "10000",
    ];
    const journal = inProject("killed.journal.jsonl");
    const child = spawnInGroup(inProject("node_modules/.bin/gong-flows"), args, {
      cwd: project!.dir,
      env: env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("close", (_code, signal) => resolve(signal)),
    );
    try {
      // Wait until an unassign request has left (its attempt is journaled as it leaves), then kill -9.
      for (const deadline = Date.now() + 60_000; ; ) {
        const text = await readFile(journal, "utf8").catch(() => "");
        const seqs = [...text.matchAll(/"type":"request","seq":(\d+),"kind":"unassign-by-instance-id"/g)].map(
          (m) => m[1],
        );
        if (seqs.some((seq) => text.includes(`"type":"attempt","seq":${seq},`))) break;
        if (Date.now() > deadline) throw new Error("no unassign request left within a minute");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.kill(-child.pid!, "SIGKILL");
      expect(await exited).toBe("SIGKILL");
    } finally {
      await killProcessGroup(child, 0);
    }
    expect((await stats()).flowInstances.assigned).toBeGreaterThan(0);

    const resumed = await gongFlows(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = await readReport("killed.json");
    expect(report.runs).toBe(2);
    expect(report.unassigned).toHaveLength(flows.length);
    expectEveryInstanceAccountedFor(report);
    const after = await stats();
    expect(after.flowInstances).toEqual({ assigned: 0, unassigned: flows.length });
    expect(after.alreadyUnassignedIdsSent).toBe(0);
  });

  it("a tiny daily budget stops with exit 3; the same command resumes — not today, the next UTC days", async () => {
    const args = [
      "unassign",
      "--prospects",
      "prospects.txt",
      "--yes",
      "--daily-budget",
      "2",
      "--report",
      "budget.json",
    ];
    const first = await gongFlows(args);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain("gong-flows: stopped early: the daily budget of 2 calls is spent for");
    expect(first.stderr).toContain(
      `cd ${project!.dir} && gong-flows unassign --prospects prospects.txt --yes --daily-budget 2 --report budget.json`,
    );
    expect((await stats()).calls.total).toBe(2);
    // Two of the three list calls made: a third of the prospects is not planned yet, and says so.
    const partial = (await readReport("budget.json")) as Report & { prospectsUnprocessed: string[] };
    expect(partial.prospectsUnprocessed).toHaveLength(100);
    expect(partial.unprocessed).toHaveLength(partial.flowInstancesPlanned);

    const sameDay = await gongFlows(args);
    expect(sameDay.code).toBe(3);
    expect((await stats()).calls.total).toBe(2);

    const nextDay = await gongFlows(args, { faketime: "+1 day" });
    expect(nextDay.code).toBe(3);
    expect((await stats()).calls.total).toBe(4);
    const dayAfter = await gongFlows(args, { faketime: "+2 days" });
    expect(dayAfter.code, dayAfter.stderr).toBe(0);
    const report = await readReport("budget.json");
    expect(report.runs).toBe(4);
    expect(report.unassigned).toHaveLength(flows.length);
    expect(report.calls.total).toBe(6);
    const after = await stats();
    expect(after.calls.total).toBe(6);
    expect(after.alreadyUnassignedIdsSent).toBe(0);
  });

  it("shares the rate limit through a password-protected Redis (GONG_FLOWS_REDIS_URL): the installed store works, no password printed", async () => {
    const password = "packed-redis-pw-0c7d";
    const redis = await startRedisServer({ password });
    try {
      const outcome = await runProcess(
        inProject("node_modules/.bin/gong-flows"),
        ["list", "--prospects", "prospects.txt", "--format", "json", "--out", "listed.json", "--no-progress"],
        {
          cwd: project!.dir,
          env: { ...env(), GONG_FLOWS_REDIS_URL: redis.url },
          timeoutMs: 60_000,
        },
      );
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(outcome.stderr).toContain(
        `sharing the rate limit of 3 call(s)/s through Redis at redis://127.0.0.1:${redis.port}, key gong-flows:rate-limit:`,
      );
      expect(outcome.stdout + outcome.stderr).not.toContain(password);
      expect(JSON.parse(await readFile(inProject("listed.json"), "utf8"))).toHaveLength(flows.length);
      expect((await stats()).calls.listAssignedFlows).toBe(3);
    } finally {
      await redis.stop();
    }
  });

  it("the README's library example runs as written", async () => {
    const [example] = (await readmeExamples(join(repo, "packages/cli/README.md"))).filter(
      (e) => e.file === "cli/library.mjs",
    );
    expect(example).toBeDefined();
    await writeFile(inProject("library.mjs"), example!.code);
    const outcome = await runProcess(process.execPath, ["library.mjs"], {
      cwd: project!.dir,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    const running = flows.filter(
      (f) => f.flowInstanceStatus === "Running" || f.flowInstanceStatus === "Pending",
    ).length;
    // The plan is printed once the prospects are listed: what is left is the unassign calls.
    expect(outcome.stdout).toBe(
      `${running} flow instances to remove in ${Math.ceil(running / 200)} calls\nexit 0: ${running} unassigned\n`,
    );
  });
});
