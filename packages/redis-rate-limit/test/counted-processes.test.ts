import { startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  runClientWorkers,
  runWorkers,
  startRecordingServer,
  type ClientWorkerSettings,
  type RecordingServer,
  type WorkerSettings,
} from "./support/processes.js";
import { storeWorkers, clientWorkers } from "./support/worker-settings.js";

/**
 * Processes sharing one key whose calls are judged by count, not by time: one daily quota, and a Redis
 * that is not there. The server counts what arrived; when does not matter, so these run beside the other
 * files rather than with the ones timed at a server (multi-process.test.ts, client.test.ts).
 */

let server: RecordingServer;
let redis: RedisServer;

beforeAll(async () => {
  [server, redis] = await Promise.all([startRecordingServer(), startRedisServer()]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), redis?.stop()]);
});

const rps = 10;

const workers = (redis: RedisServer, count: number, settings: Partial<WorkerSettings>) =>
  storeWorkers({ redisUrl: redis.url, serverUrl: server.url, requestsPerSecond: rps }, count, settings);

const clients = (count: number, settings: Partial<ClientWorkerSettings>) =>
  clientWorkers({ redisUrl: redis.url, serverUrl: server.url, requestsPerSecond: rps }, count, settings);

describe("four processes sharing one key", () => {
  it("share one daily quota: exactly the quota is sent, every other call is refused at once until the next UTC day", async () => {
    await server.configure({});
    const reports = await runWorkers(workers(redis, 4, { requests: 10, dailyQuota: 25, requestsPerSecond: null }));
    expect(await server.arrivals()).toHaveLength(25);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(25);
    const refusals = reports.flatMap((report) => report.events);
    expect(refusals).toHaveLength(15);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ name: "RateLimitRefusal", reason: "daily-quota" });
      const untilMidnight = 86_400_000 - (refusal.at % 86_400_000);
      expect(Math.abs(refusal.retryAfterMs! - untilMidnight)).toBeLessThan(5_000);
    }
  });
});

describe("four processes, each with a client on one Redis key", () => {
  it("share the daily quota: the calls past it fail at once with GongRateLimitError until the next UTC day, unsent", async () => {
    await server.configure({});
    const reports = await runClientWorkers(clients(4, { calls: 5, dailyQuota: 12, requestsPerSecond: 50 }));
    expect(await server.arrivals()).toHaveLength(12);
    const errors = reports.flatMap((report) => report.errors);
    expect(errors).toHaveLength(8);
    for (const error of errors) {
      expect(error.name).toBe("GongRateLimitError");
      expect(error.message).toMatch(/^Not sent: .*daily quota/);
      expect(Math.abs(error.retryAfterMs! - (86_400_000 - (Date.now() % 86_400_000)))).toBeLessThan(60_000);
    }
  });

  it("get the store's RedisUnavailableError unchanged when Redis is away, and send nothing", async () => {
    await server.configure({});
    const password = "client-pw-sentinel";
    const locked = await startRedisServer({ password });
    const port = locked.port;
    await locked.stop(); // nothing listens there now
    const reports = await runClientWorkers(
      clients(2, { calls: 1, unavailableTimeoutMs: 500 }).map((settings) => ({
        ...settings,
        redisUrl: `redis://:${password}@127.0.0.1:${port}`,
      })),
    );
    expect(await server.arrivals()).toEqual([]);
    for (const report of reports) {
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]!.name).toBe("RedisUnavailableError");
      expect(report.errors[0]!.message).toMatch(
        new RegExp(`^Not sent: Redis at redis://127\\.0\\.0\\.1:${port} is unreachable`),
      );
      expect(report.errors[0]!.json).not.toContain(password);
    }
  });
});
