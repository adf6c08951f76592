// `--redis` when Redis refuses the run at start-up: unreachable, or refusing the password. Each run waits
// out its bounded wait for Redis (--redis-wait-ms) before it fails closed, so the two run at once: neither
// sends anything, so they share one mock, never reset between them, whose call count must stay 0.
import { freeLoopbackPort, startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCliProcess } from "./support/cli-process.js";
import { prospectsWithFlows, startTestGong, testAuth, useTempDir, type TestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const data = prospectsWithFlows(20);
let started: TestGong | undefined;
const gong = () => started!;
const tmp = useTempDir("gong-flows-cli-redis-refused-");
const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(gong().server.url, testAuth, extra);
const password = "sentinel-redis-pw-3e9a41";
let locked: RedisServer;
beforeAll(async () => {
  [started, locked] = await Promise.all([
    startTestGong({ assignedFlows: data.flows, rps: 3, dailyQuota: 0 }),
    startRedisServer({ password }),
  ]);
});
afterAll(async () => {
  await Promise.all([started?.server.close(), locked?.stop()]);
});

const prospectsFile = idFiles(tmp, data.prospects);

describe.concurrent("--redis: a Redis that refuses the run at start-up", () => {
  it("an unreachable Redis fails closed before anything is sent: exit 2, the problem named, no password", async () => {
    const password = "sentinel-redis-pw-71c2";
    const port = await freeLoopbackPort(); // nothing listens there
    const run = await runCliProcess(
      [
        "unassign",
        "--prospects",
        await prospectsFile(data.prospects.slice(0, 20)),
        "--yes",
        "--no-progress",
        "--redis-wait-ms",
        "1000",
      ],
      {
        cwd: tmp(),
        env: env({ GONG_FLOWS_REDIS_URL: `redis://:${password}@127.0.0.1:${port}` }),
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(.*ECONNREFUSED.*; waited 1\\.\\d s\\), so the rate limit cannot be shared through it`,
      ),
    );
    expect(run.stderr).toContain("nothing was sent");
    expect(run.stdout + run.stderr).not.toContain(password);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });

  it("a wrong password stops it before anything is sent (exit 2), without printing either password", async () => {
    const wrong = "sentinel-wrong-pw-55d0";
    const outcome = await runCliProcess(
      [
        "unassign",
        "--prospects",
        await prospectsFile(data.prospects.slice(0, 10)),
        "--yes",
        "--no-progress",
        "--redis-wait-ms",
        "1000",
      ],
      {
        cwd: tmp(),
        env: env({ GONG_FLOWS_REDIS_URL: `redis://:${wrong}@127.0.0.1:${locked.port}` }),
      },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`Redis at redis://127.0.0.1:${locked.port}`);
    expect(outcome.stderr).toMatch(/WRONGPASS|NOAUTH|invalid (username-)?password/i);
    for (const value of [wrong, password]) expect(outcome.stdout + outcome.stderr).not.toContain(value);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});
