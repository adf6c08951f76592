import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { UnassignReport } from "../src/report/report.js";
import { cliEnv, runCliProcess, startCliProcess, waitFor, type RunningCli } from "./support/cli-process.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const data = prospectsWithFlows(300); // 600 flow instances
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir();
const env = () => cliEnv(gong().server.url, testAuth);
const running: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop()));
});

const prospectsFile = idFiles(tmp, data.prospects);
async function readReport(path: string): Promise<UnassignReport> {
  return JSON.parse(await readFile(path, "utf8")) as UnassignReport;
}

describe("gong-flows unassign", () => {
  it("reports every bad input line with its number and sends nothing (exit 2)", async () => {
    const file = join(tmp(), "bad.txt");
    await writeFile(file, `${data.prospects[0]}\n""\nok-2\nbad\u0007bell\n${"x".repeat(200)}\n`);
    const outcome = await runCliProcess(["unassign", "--prospects", file, "--yes", "--rps", "0"], {
      cwd: tmp(),
      env: env(),
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`${file}:2: empty id`);
    expect(outcome.stderr).toContain(`${file}:4: id contains the control or invisible character U+0007`);
    expect(outcome.stderr).toContain(`${file}:5: id is 200 characters long`);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });

  it("refuses to unassign without a terminal to confirm on, unless --yes (exit 2, nothing sent)", async () => {
    const outcome = await runCliProcess(["unassign", "--prospects", await prospectsFile(), "--rps", "0"], {
      cwd: tmp(),
      env: env(),
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      "refusing to unassign without confirmation: there is no terminal to ask on; pass --yes to go ahead",
    );
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });

  it("dry run: prints the plan, writes the report, sends no write", async () => {
    const report = join(tmp(), "dry.json");
    const outcome = await runCliProcess(
      ["unassign", "--prospects", await prospectsFile(), "--dry-run", "--report", report, "--rps", "0"],
      { cwd: tmp(), env: env() },
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/prospects read\s+│ 300/);
    expect(outcome.stdout).toMatch(/flow instances to remove\s+│ 600/);
    expect(outcome.stdout).toMatch(/calls needed\s+│ 6 \(3 list, 3 unassign-by-instance-id\)/);
    expect(outcome.stdout).toContain("Dry run: nothing was unassigned.");
    expect((await readReport(report)).unprocessed).toHaveLength(600);
    const stats = gong().server.mock.stats();
    expect(stats.calls).toMatchObject({
      listAssignedFlows: 3,
      unassignFlowsByFlowInstanceIds: 0,
      unassignFlowsByCrmProspectId: 0,
    });
  });

  it("runs to the end with --yes: summary, report and journal beside it, exit 0", async () => {
    const input = await prospectsFile();
    const ok = await runCliProcess(["unassign", "--prospects", input, "--yes", "--rps", "0", "--report", "run.csv"], {
      cwd: tmp(),
      env: env(),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/unassigned\s+│ 600/);
    const report = await readReport(join(tmp(), "run.json"));
    expect(report.unassigned).toHaveLength(600);
    const csv = (await readFile(join(tmp(), "run.csv"), "utf8")).trimEnd().split("\n");
    expect(csv[0]).toBe("flowInstanceId,crmProspectId,flowId,flowName,flowInstanceStatus,outcome");
    expect(csv).toHaveLength(601);
    expect(csv.slice(1).every((line) => line.endsWith(",unassigned"))).toBe(true);
    await expect(readFile(join(tmp(), "run.journal.jsonl"), "utf8")).resolves.toContain('"type":"start"');
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("stops with exit 3 and prints the command to resume when the daily budget is spent", async () => {
    const input = await prospectsFile();
    const args = [
      "unassign",
      "--prospects",
      input,
      "--yes",
      "--rps",
      "0",
      "--daily-budget",
      "2",
      "--report",
      "budget.json",
    ];
    const first = await runCliProcess(args, { cwd: tmp(), env: env() });
    expect(first.code).toBe(3);
    expect(first.stderr).toContain("gong-flows: stopped early: the daily budget of 2 calls is spent for");
    expect(first.stderr).toContain(
      `  cd ${tmp()} && gong-flows unassign --prospects ${input} --yes --rps 0 --daily-budget 2 --report budget.json`,
    );
    const report = await readReport(join(tmp(), "budget.json"));
    expect(report.calls.total).toBe(2);
    expect(report.prospectsUnprocessed).toHaveLength(100);
    expect(report.resumeCommand).toContain("gong-flows unassign");

    // The same command, the same UTC day: the budget is still spent; nothing is sent.
    const callsBefore = gong().server.mock.stats().calls.total;
    const again = await runCliProcess(args, { cwd: tmp(), env: env() });
    expect(again.code).toBe(3);
    expect(gong().server.mock.stats().calls.total).toBe(callsBefore);
  });

  it("stops gracefully on SIGINT with exit 3; the same command resumes", async () => {
    gong().server.mock.injectFault({ latencyMs: 300, operation: "unassignFlowsByFlowInstanceIds", times: 10 });
    const args = ["unassign", "--prospects", await prospectsFile(), "--yes", "--rps", "0", "--report", "sigint.json"];
    const cli = startCliProcess(args, { cwd: tmp(), env: env() });
    running.push(cli);
    await waitFor("the unassign phase", () => gong().server.mock.stats().calls.unassignFlowsByFlowInstanceIds > 0);
    cli.signal("SIGINT");
    const { code } = await cli.exited;
    expect(code).toBe(3);
    expect(cli.output().stderr).toContain("gong-flows: stopped early: stopped by SIGINT");
    const resumed = await runCliProcess(args, { cwd: tmp(), env: env() });
    expect(resumed.code).toBe(0);
    expect((await readReport(join(tmp(), "sigint.json"))).unassigned).toHaveLength(600);
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("exits 1 when some instances are not unassigned, and names where to look", async () => {
    const file = join(tmp(), "instances.txt");
    await writeFile(file, `${data.flows[0]!.flowInstanceId}\nno-such-instance\n`);
    const outcome = await runCliProcess(
      ["unassign", "--flow-instances", file, "--yes", "--rps", "0", "--report", "partial.json"],
      { cwd: tmp(), env: env() },
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("not every planned flow instance is unassigned");
    expect((await readReport(join(tmp(), "partial.json"))).notUnassigned).toEqual(["no-such-instance"]);
  });

  it("refuses a journal written for another input (exit 2)", async () => {
    const journal = join(tmp(), "shared.journal.jsonl");
    await runCliProcess(
      [
        "unassign",
        "--prospects",
        await prospectsFile(data.prospects.slice(0, 5)),
        "--yes",
        "--rps",
        "0",
        "--journal",
        journal,
        "--report",
        "a.json",
      ],
      { cwd: tmp(), env: env() },
    );
    const outcome = await runCliProcess(
      [
        "unassign",
        "--prospects",
        await prospectsFile(data.prospects.slice(5, 9)),
        "--yes",
        "--rps",
        "0",
        "--journal",
        journal,
        "--report",
        "b.json",
      ],
      { cwd: tmp(), env: env() },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("was written for a different job, so it cannot be resumed by this one");
  });

  it("exits 2 without credentials, and on usage errors", async () => {
    const input = await prospectsFile();
    const noCredentials = await runCliProcess(["unassign", "--prospects", input, "--yes"], {
      cwd: tmp(),
      env: { PATH: process.env["PATH"], GONG_BASE_URL: gong().server.url },
    });
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain("no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET");
    const both = await runCliProcess(["unassign", "--prospects", input, "--flow-instances", input, "--yes"], {
      cwd: tmp(),
      env: env(),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give exactly one of --prospects FILE and --flow-instances FILE");
    const redis = await runCliProcess(
      ["unassign", "--prospects", input, "--yes", "--redis", "redis://:hunter2hunter2@127.0.0.1:1"],
      { cwd: tmp(), env: env() },
    );
    expect(redis.code).toBe(2);
    expect(redis.stderr).toContain("--redis must not carry a password");
    expect(redis.stderr).not.toContain("hunter2hunter2");
    // A key for a shared limit without the Redis to share it through: refused, never silently ignored.
    const keyAlone = await runCliProcess(
      ["unassign", "--prospects", input, "--yes", "--redis-key", "gong-flows:acme"],
      { cwd: tmp(), env: env() },
    );
    expect(keyAlone.code).toBe(2);
    expect(keyAlone.stderr).toContain(
      "--redis-key names the key of a rate limit shared through Redis: give --redis (or GONG_FLOWS_REDIS_URL) too",
    );
    const waitAlone = await runCliProcess(["unassign", "--prospects", input, "--yes", "--redis-wait-ms", "500"], {
      cwd: tmp(),
      env: env(),
    });
    expect(waitAlone.code).toBe(2);
    expect(waitAlone.stderr).toContain(
      "--redis-wait-ms bounds the wait for a Redis that shares the rate limit: give --redis (or GONG_FLOWS_REDIS_URL) too",
    );
    const notRedis = await runCliProcess(["unassign", "--prospects", input, "--yes"], {
      cwd: tmp(),
      env: { ...env(), GONG_FLOWS_REDIS_URL: "http://127.0.0.1:1" },
    });
    expect(notRedis.code).toBe(2);
    expect(notRedis.stderr).toContain("GONG_FLOWS_REDIS_URL must be a redis:// or rediss:// URL");
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});

describe("gong-flows list", () => {
  it("writes the flows as CSV that unassign --flow-instances reads back", async () => {
    const input = await prospectsFile(data.prospects.slice(0, 3));
    const listed = await runCliProcess(
      ["list", "--prospects", input, "--format", "csv", "--out", "flows.csv", "--rps", "0"],
      { cwd: tmp(), env: env() },
    );
    expect(listed.code).toBe(0);
    const csv = (await readFile(join(tmp(), "flows.csv"), "utf8")).trimEnd().split("\n");
    expect(csv[0]).toBe(
      "crmProspectId,flowInstanceId,flowId,flowName,flowInstanceStatus,flowInstanceOwnerEmail,flowInstanceOwnerFullName,flowInstanceCreateDate,workspaceId,exclusive",
    );
    expect(csv).toHaveLength(1 + 6);

    const removed = await runCliProcess(
      [
        "unassign",
        "--flow-instances",
        "flows.csv",
        "--yes",
        "--rps",
        "0",
        "--report",
        "from-list.json",
        "--verify",
        "all",
      ],
      { cwd: tmp(), env: env() },
    );
    expect(removed.code).toBe(0);
    const report = await readReport(join(tmp(), "from-list.json"));
    expect(report.unassigned).toHaveLength(6);
    expect(report.verified).toBe(true);
  });

  it("prints nothing but the error when nothing could be listed (exit 1)", async () => {
    gong().server.mock.injectFault({ status: 503, operation: "listAssignedFlows", times: 10 });
    const listed = await runCliProcess(
      ["list", "--prospects", await prospectsFile(data.prospects.slice(0, 1)), "--format", "json", "--rps", "0"],
      { cwd: tmp(), env: env() },
    );
    expect(listed.code).toBe(1);
    expect(listed.stdout).toBe("");
    expect(listed.stderr).toContain("503");
  });

  it("prints JSON to standard output", async () => {
    const listed = await runCliProcess(
      ["list", "--prospects", await prospectsFile(data.prospects.slice(0, 1)), "--format", "json", "--rps", "0"],
      { cwd: tmp(), env: env() },
    );
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([data.flows[0]]);
  });
});
