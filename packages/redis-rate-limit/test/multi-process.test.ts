import { achievedRate, startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeWindows } from "./support/judge.js";
import {
  runWorkers,
  startRecordingServer,
  type Arrival,
  type RecordingServer,
  type WorkerSettings,
} from "./support/processes.js";
import { storeWorkers } from "./support/worker-settings.js";

/**
 * The acceptance tests: real Node processes sharing one key of a real Redis, calling a server
 * in another process that records arrival times by its own clock. Windows are judged there, where Gong
 * would count, and at the store's end (see judgeWindows); rates at the server.
 */

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});

afterAll(async () => {
  await server?.stop();
});

const rps = 10;
/** Of the default 75 ms departure slack, what the store keeps for the way from its "go" to the wire. */
const deliveryBudgetMs = 70;

/** Asserts that no one-second window holds more than the limit through the store's fault. */
function expectWindowsWithinLimit(arrivals: readonly Arrival[]): void {
  const verdict = judgeWindows(arrivals, rps, deliveryBudgetMs);
  expect(verdict.maxAtStore).toBeLessThanOrEqual(rps);
  expect(verdict.unexplained).toEqual([]);
  if (verdict.explainedByDelay > 0) {
    console.warn(
      `${verdict.explainedByDelay} window(s) at the server held ${verdict.maxAtServer} because this machine took over ${deliveryBudgetMs} ms to deliver a request`,
    );
  }
}

const workers = (redis: RedisServer, count: number, settings: Partial<WorkerSettings>) =>
  storeWorkers({ redisUrl: redis.url, serverUrl: server.url, requestsPerSecond: rps }, count, settings);

describe("four processes sharing one key", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("start at most requestsPerSecond requests in any one-second window, at 90 % of the limit or more (93 % by construction: the departure slack costs the rest)", async () => {
    await server.configure({});
    const reports = await runWorkers(workers(redis, 4, { requests: 14 }));
    const arrivals = await server.arrivals();
    const times = arrivals.map((arrival) => arrival.at);
    expect(reports.map((report) => report.sent)).toEqual([14, 14, 14, 14]);
    expect(times).toHaveLength(56);
    expectWindowsWithinLimit(arrivals);
    expect(achievedRate(times)).toBeGreaterThanOrEqual(0.9 * rps);
  });

  it("stay spaced when their clocks disagree by a second (time comes from Redis)", async () => {
    await server.configure({});
    const [a, b] = workers(redis, 2, { requests: 15 });
    const reports = await runWorkers([
      { ...a!, skewMs: 1_000 },
      { ...b!, skewMs: -0 },
    ]);
    const arrivals = await server.arrivals();
    expect(reports.map((report) => report.sent)).toEqual([15, 15]);
    expectWindowsWithinLimit(arrivals);
    expect(achievedRate(arrivals.map((arrival) => arrival.at))).toBeGreaterThanOrEqual(0.9 * rps);
  });
});

describe("Redis killed mid-run", () => {
  it("sends nothing while Redis is away, fails with a typed error without the password, and recovers when it is back", async () => {
    const password = "p4ss-w0rd-sentinel";
    const first = await startRedisServer({ password });
    let second: RedisServer | undefined;
    try {
      await server.configure({});
      // They run until told to stop once calls have proceeded after the restart (at most 30 s).
      const run = runWorkers(workers(first, 2, { requests: 1_000, runForMs: 30_000, unavailableTimeoutMs: 800 }));
      // Kill Redis once the run is under way (processes start slowly on a busy machine).
      await expect
        .poll(async () => (await server.arrivals()).length, { timeout: 15_000, interval: 50 })
        .toBeGreaterThanOrEqual(8);
      await first.kill();
      const killedAt = performance.timeOrigin + performance.now();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const restartingAt = performance.timeOrigin + performance.now();
      second = await startRedisServer({ port: first.port, password });
      await expect
        .poll(async () => (await server.arrivals()).filter((arrival) => arrival.at > restartingAt).length, {
          timeout: 20_000,
          interval: 50,
        })
        .toBeGreaterThan(5);
      await server.stopWorkers();
      const reports = await run;
      const arrivals = await server.arrivals();
      const times = arrivals.map((arrival) => arrival.at);

      // Before: the run was under way. While away: nothing — a request that had its slot confirmed just
      // before the kill may still arrive within a few ms of it. After: calls proceed again.
      expect(times.filter((at) => at < killedAt).length).toBeGreaterThanOrEqual(8);
      expect(times.filter((at) => at > killedAt + 50 && at < restartingAt)).toEqual([]);
      expect(times.filter((at) => at > restartingAt).length).toBeGreaterThan(5);
      expectWindowsWithinLimit(arrivals);

      const failures = reports.flatMap((report) => report.events);
      expect(failures.length).toBeGreaterThanOrEqual(2);
      for (const failure of failures) {
        expect(failure.name).toBe("RedisUnavailableError");
        expect(failure.message).toMatch(
          new RegExp(`^Not sent: Redis at redis://127\\.0\\.0\\.1:${first.port} is unreachable`),
        );
        expect(failure.message).not.toContain(password);
        expect(failure.json).not.toContain(password);
      }
      for (const report of reports) expect(report.events.length).toBeGreaterThan(0);
    } finally {
      await first.stop();
      await second?.stop();
    }
  });
});
