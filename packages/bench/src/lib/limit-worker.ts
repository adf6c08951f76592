/**
 * One process of the rate-limit experiments (argv[2]: its plan as JSON): from the common start it takes
 * turns and sends each request by node:http on one kept-alive socket (`turns`), or calls through
 * `@gong-flows/client` with the arm as its store (`client`). Prints its report as one JSON line.
 */
import { Agent, request } from "node:http";
import { createGongFlowsClient, createMemoryRateLimitStore, type RateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/**
 * The ways of holding a limit: the Redis store on one key, the client's memory store (split: each of N
 * processes given limit ÷ N), and `rate-limiter-flexible` as its documentation shows it.
 */
export type LimitArmId = "redis-store" | "memory-split" | "memory-store" | "rate-limiter-flexible";

export interface LimitWorkerPlan {
  arm: LimitArmId;
  via: "turns" | "client";
  id: number;
  processes: number;
  /** Calls in flight at once (`client` only). */
  concurrency: number;
  /** The limit all processes together must keep, requests per second. */
  requestsPerSecond: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  /** Epoch ms at which every worker starts, and after which none starts a request. */
  startAt: number;
  endAt: number;
}

export interface LimitWorkerReport {
  sent: number;
  /** Round trips to Redis beyond one per request (rate-limiter-flexible's refused tries). */
  extraRedisCalls: number;
  errors: string[];
}

const epochNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The arm's store, connected before the start like a running service's; `rate-limiter-flexible` has none. */
async function storeFor(plan: LimitWorkerPlan): Promise<{ store: RateLimitStore; close: () => Promise<void> }> {
  if (plan.arm === "redis-store") {
    const store = createRedisRateLimitStore({ redis: plan.redisUrl, key: plan.key });
    await store.usage();
    return { store, close: () => store.close() };
  }
  return { store: createMemoryRateLimitStore(), close: async () => undefined };
}

/** How the arm gives a turn, and how many extra Redis calls that took. */
async function turnsFor(plan: LimitWorkerPlan) {
  let extra = 0;
  if (plan.arm !== "rate-limiter-flexible") {
    const { store, close } = await storeFor(plan);
    const share = plan.arm === "memory-split" ? plan.requestsPerSecond / plan.processes : plan.requestsPerSecond;
    return { turn: () => store.acquire({ requestsPerSecond: share, maxWaitMs: 60_000 }), close, extra: () => extra };
  }
  // `points` per `duration` seconds (a fixed window in Redis); a refused caller waits `msBeforeNext`.
  const redis = new Redis(plan.redisUrl, { enableOfflineQueue: false });
  await new Promise((resolve) => redis.once("ready", resolve));
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    points: plan.requestsPerSecond,
    duration: 1,
    keyPrefix: plan.key,
  });
  const turn = async (): Promise<void> => {
    for (;;) {
      try {
        await limiter.consume("gong");
        return;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        extra += 1;
        await sleep(refusal.msBeforeNext);
      }
    }
  };
  return { turn, close: async () => void redis.disconnect(), extra: () => extra };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, goneAt = Number.NaN): Promise<void> {
  const body = '{"crmProspectsIds":["a5V1Q00A120DP4CVAW"]}';
  const headers = { "content-type": "application/json", "content-length": body.length, "x-gone-at": String(goneAt) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.once("end", resolve);
    });
    req.once("error", reject);
    req.end(body);
  });
}

async function takeTurns(plan: LimitWorkerPlan): Promise<LimitWorkerReport> {
  const arm = await turnsFor(plan);
  await post(`${plan.serverUrl}/__warmup`);
  await sleep(plan.startAt - epochNow());
  let sent = 0;
  while (epochNow() < plan.endAt) {
    await arm.turn();
    const goneAt = epochNow();
    if (goneAt >= plan.endAt) break;
    await post(`${plan.serverUrl}/v2/flows/prospects`, goneAt);
    sent += 1;
  }
  await arm.close();
  agent.destroy();
  return { sent, extraRedisCalls: arm.extra(), errors: [] };
}

/** Its own fetch, no warm-up: the first request opens a connection, as a starting service's does. */
async function callThroughClient(plan: LimitWorkerPlan): Promise<LimitWorkerReport> {
  const { store, close } = await storeFor(plan);
  const gong = createGongFlowsClient({
    baseUrl: plan.serverUrl,
    auth: { bearerToken: "bench-token" },
    rateLimit: { requestsPerSecond: plan.requestsPerSecond, store },
  });
  await sleep(plan.startAt - epochNow());
  let sent = 0;
  const errors: string[] = [];
  const lane = async (lane: number) => {
    for (let call = 0; epochNow() < plan.endAt; call++) {
      try {
        await gong.listAssignedFlows({ crmProspectsIds: [`p${plan.id}-${lane}-${call}`] });
        sent += 1;
      } catch (error) {
        errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => lane(i)));
  await close();
  return { sent, extraRedisCalls: 0, errors };
}

const plan = JSON.parse(process.argv[2] ?? "{}") as LimitWorkerPlan;
(plan.via === "client" ? callThroughClient(plan) : takeTurns(plan)).then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
