import { achievedRate, startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeWindows } from "./support/judge.js";
import {
  runClientWorkers,
  startRecordingServer,
  type ClientWorkerSettings,
  type RecordingServer,
} from "./support/processes.js";
import { clientWorkers } from "./support/worker-settings.js";

/**
 * End to end, as the README sets it up: four Node processes, each with its own @gong-flows/client whose
 * `rateLimit.store` is a Redis store on one key, calling a recording stand-in for Gong.
 */

const rps = 10;
/**
 * Of the default 75 ms departure slack, what the store keeps for the way from its "go" to the wire —
 * here through the client (its own work after the turn, then fetch).
 */
const deliveryBudgetMs = 70;

let server: RecordingServer;
let redis: RedisServer;

beforeAll(async () => {
  [server, redis] = await Promise.all([startRecordingServer(), startRedisServer()]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), redis?.stop()]);
});

const clients = (count: number, settings: Partial<ClientWorkerSettings>) =>
  clientWorkers({ redisUrl: redis.url, serverUrl: server.url, requestsPerSecond: rps }, count, settings);

describe("four processes, each with a client on one Redis key", () => {
  it("keep every one-second window within the limit at the server, at 80 % of it or more", async () => {
    await server.configure({});
    const reports = await runClientWorkers(clients(4, { calls: 12 }));
    expect(reports.map((report) => report.errors)).toEqual([[], [], [], []]);
    const arrivals = await server.arrivals();
    expect(arrivals).toHaveLength(48);
    const verdict = judgeWindows(arrivals, rps, deliveryBudgetMs);
    expect(verdict.maxAtStore).toBeLessThanOrEqual(rps);
    expect(verdict.unexplained).toEqual([]);
    // Through the client the rate is held loosely: a run of 48 calls on a busy machine can lose a few
    // per cent to descheduled workers without anything being wrong. The 90 % goal is held at the store
    // (multi-process.test.ts) and measured by the benchmark; here it is enough that the client adds no
    // spacing of its own on top of the store's (which would halve the rate).
    expect(achievedRate(arrivals.map((arrival) => arrival.at))).toBeGreaterThanOrEqual(0.8 * rps);
  });

  // Also the store's own 429 test: the hold after a 429 in one process, kept by every process of the key.
  it("all wait out a 429 that one of them got, and its call succeeds on the retry", async () => {
    await server.configure({ status429For: [6], retryAfterSeconds: 1 });
    const settings = clients(4, { calls: 4 });
    const reports = await runClientWorkers(settings);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    const arrivals = await server.arrivals();
    const limited = arrivals.find((arrival) => arrival.status === 429)!;
    // The hold as the store keeps it in Redis (µs, by Redis's clock: this machine's): a second from the
    // moment the 429 reached its worker, after the server saw it.
    const admin = new Redis(redis.url);
    const holdUntil = Number(await admin.hget(settings[0]!.key, "hold").finally(() => admin.disconnect())) / 1000;
    const holdFrom = holdUntil - 1_000;
    expect(holdFrom).toBeGreaterThanOrEqual(limited.at - 5);
    // A request let go before the hold began may arrive after the 429 (it was on its way, later still on a
    // busy machine); every request let go after it, by any process, waited until it ended.
    const letGoDuringHold = arrivals.filter((arrival) => arrival.goneAt >= holdFrom && arrival.goneAt < holdUntil - 5);
    expect(letGoDuringHold).toEqual([]);
    expect(arrivals.filter((arrival) => arrival.goneAt >= holdUntil - 5).length).toBeGreaterThan(0);
    expect(arrivals.filter((arrival) => arrival.status === 200)).toHaveLength(16);
    expect(arrivals.filter((arrival) => arrival.status === 429)).toHaveLength(1);
    const verdict = judgeWindows(arrivals, rps, deliveryBudgetMs);
    expect(verdict.maxAtStore).toBeLessThanOrEqual(rps);
    expect(verdict.unexplained).toEqual([]);
  });
});
