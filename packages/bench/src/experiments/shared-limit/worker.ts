/**
 * One of the N processes of the shared-limit benchmark, started by `shared-limit.ts`; argv[2] is its
 * {@link WorkerPlan} as JSON. It waits for the common start, then until the end asks its arm for a turn
 * and sends one request (node:http, one kept-alive socket: on the wire within a fraction of a
 * millisecond of the turn). Prints one JSON line: {@link WorkerReport}.
 */
import { Agent, request } from "node:http";
import { createMemoryRateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** The ways of sharing (or splitting) one limit between processes that the benchmark compares. */
export type SharedLimitArmId = "redis-store" | "memory-split" | "rate-limiter-flexible";

export interface WorkerPlan {
  arm: SharedLimitArmId;
  id: number;
  processes: number;
  /** The limit all processes together must keep, requests per second. */
  requestsPerSecond: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  /** Epoch ms at which every worker starts asking, and how long it goes on. */
  startAt: number;
  durationMs: number;
}

export interface WorkerReport {
  sent: number;
  /** Round trips to Redis the arm made beyond one per request (rate-limiter-flexible's refused tries). */
  extraRedisCalls: number;
}

type Turn = () => Promise<void>;

/** How each arm gives a turn, and what it leaves to close. */
async function armFor(plan: WorkerPlan): Promise<{ turn: Turn; close: () => Promise<void>; extra: () => number }> {
  if (plan.arm === "redis-store") {
    const store = createRedisRateLimitStore({ redis: plan.redisUrl, key: plan.key });
    await store.usage(); // connected before the start, like a running service
    return {
      turn: async () => void (await store.acquire({ requestsPerSecond: plan.requestsPerSecond, maxWaitMs: 60_000 })),
      close: () => store.close(),
      extra: () => 0,
    };
  }
  if (plan.arm === "memory-split") {
    // The client's in-process store, each process given an equal share of the limit: what one does
    // without a shared store.
    const store = createMemoryRateLimitStore();
    const share = plan.requestsPerSecond / plan.processes;
    return {
      turn: async () => void (await store.acquire({ requestsPerSecond: share, maxWaitMs: 60_000 })),
      close: async () => undefined,
      extra: () => 0,
    };
  }
  // rate-limiter-flexible as its documentation shows it: `points` per `duration` seconds (a fixed window
  // in Redis), and a refused caller waits `msBeforeNext` before it tries again.
  const redis = new Redis(plan.redisUrl, { enableOfflineQueue: false });
  await new Promise((resolve) => redis.once("ready", resolve));
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    points: plan.requestsPerSecond,
    duration: 1,
    keyPrefix: plan.key,
  });
  let extra = 0;
  return {
    async turn() {
      for (;;) {
        try {
          await limiter.consume("gong");
          return;
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          extra += 1;
          await new Promise((resolve) => setTimeout(resolve, refusal.msBeforeNext));
        }
      }
    },
    close: async () => void redis.disconnect(),
    extra: () => extra,
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, goneAt = Number.NaN): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = '{"crmProspectsIds":["a5V1Q00A120DP4CVAW"]}';
    const headers = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "x-gone-at": String(goneAt),
    };
    const req = request(url, { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.once("end", resolve);
    });
    req.once("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? "{}") as WorkerPlan;
  const arm = await armFor(plan);
  await post(`${plan.serverUrl}/__warmup`);
  const epochNow = () => performance.timeOrigin + performance.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, plan.startAt - epochNow())));
  let sent = 0;
  while (epochNow() < plan.startAt + plan.durationMs) {
    await arm.turn();
    const goneAt = epochNow();
    if (goneAt >= plan.startAt + plan.durationMs) break;
    await post(`${plan.serverUrl}/v2/flows/prospects`, goneAt);
    sent += 1;
  }
  await arm.close();
  const report: WorkerReport = { sent, extraRedisCalls: arm.extra() };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  agent.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
