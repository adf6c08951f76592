// `--redis` when Redis is not there to share the limit through: unreachable from the start, lost
// mid-run, or refusing the password. Each waits out the store's bounded wait for Redis (seconds), so
// these runs live in a file of their own, which runs beside shared-rate-limit.test.ts.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { freeLoopbackPort, startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCliProcess, startCliProcess, waitFor, type RunningCli } from "./support/cli-process.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const data = prospectsWithFlows(400);
// Gong's limit at the mock's side; no daily quota (the runs here are short).
const gong = useTestGong({ assignedFlows: data.flows, rps: 3, dailyQuota: 0 });
const tmp = useTempDir("gong-flows-cli-redis-away-");
const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(gong().server.url, testAuth, extra);
const running: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop()));
});

const prospectsFile = idFiles(tmp, data.prospects);

describe("--redis: a Redis that is not there", () => {
  it("an unreachable Redis fails closed before anything is sent: exit 2, the problem named, no password", async () => {
    const password = "sentinel-redis-pw-71c2";
    const port = await freeLoopbackPort(); // nothing listens there
    const run = await runCliProcess(["unassign", "--prospects", await prospectsFile(data.prospects.slice(0, 20)), "--yes", "--no-progress"], {
      cwd: tmp(),
      env: env({ GONG_FLOWS_REDIS_URL: `redis://:${password}@127.0.0.1:${port}` }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(.*ECONNREFUSED.*\\), so the rate limit cannot be shared through it`));
    expect(run.stderr).toContain("nothing was sent");
    expect(run.stdout + run.stderr).not.toContain(password);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });

  it("a Redis lost mid-run stops the run (exit 3, resumable) with nothing sent without a slot; the same command finishes once it is back", async () => {
    const lost = await startRedisServer();
    try {
      const dir = join(tmp(), "lost");
      await mkdir(dir);
      const input = await prospectsFile(data.prospects.slice(0, 400)); // 4 list calls, then 5 unassign calls
      const args = ["unassign", "--prospects", input, "--yes", "--rps", "2", "--no-progress", "--report", "run.json"];
      const cli = startCliProcess(args, { cwd: dir, env: env({ GONG_FLOWS_REDIS_URL: lost.url }) });
      running.push(cli);
      await waitFor("the first calls", () => gong().server.mock.stats().calls.total >= 2);
      await lost.stop();
      const sentWhenLost = gong().server.mock.stats().calls.total;
      const exit = await cli.exited;
      expect(exit.code).toBe(3);
      expect(cli.output().stderr).toContain("the rate limit shared through Redis gave no slot, so nothing more was sent");
      expect(cli.output().stderr).toContain(`Redis at redis://127.0.0.1:${lost.port} is unreachable`);
      // At most the request that had its slot as Redis went away left afterwards.
      expect(gong().server.mock.stats().calls.total - sentWhenLost).toBeLessThanOrEqual(1);
      const back = await startRedisServer({ port: lost.port });
      try {
        const resumed = await runCliProcess(args, { cwd: dir, env: env({ GONG_FLOWS_REDIS_URL: back.url }) });
        expect(resumed.code).toBe(0);
        const report = JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as { unassigned: string[]; flowInstancesPlanned: number };
        expect(report.unassigned).toHaveLength(report.flowInstancesPlanned);
        expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
      } finally {
        await back.stop();
      }
    } finally {
      await lost.stop();
    }
  }, 60_000);
});

describe("--redis with a password", () => {
  const password = "sentinel-redis-pw-3e9a41";
  let locked: RedisServer;
  beforeAll(async () => {
    locked = await startRedisServer({ password });
  });
  afterAll(async () => {
    await locked?.stop();
  });

  it("a wrong password stops it before anything is sent (exit 2), without printing either password", async () => {
    const wrong = "sentinel-wrong-pw-55d0";
    const outcome = await runCliProcess(["unassign", "--prospects", await prospectsFile(data.prospects.slice(0, 10)), "--yes", "--no-progress"], {
      cwd: tmp(),
      env: env({ GONG_FLOWS_REDIS_URL: `redis://:${wrong}@127.0.0.1:${locked.port}` }),
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`Redis at redis://127.0.0.1:${locked.port}`);
    expect(outcome.stderr).toMatch(/WRONGPASS|NOAUTH|invalid (username-)?password/i);
    for (const value of [wrong, password]) expect(outcome.stdout + outcome.stderr).not.toContain(value);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});
