import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";
import { achievedRate, killProcessGroup, maxInWindow, spawnInGroup, startRedisServer } from "@gong-flows/testkit";
import { createMemoryRateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { createHash } from "node:crypto";
import { createClient } from "@redis/client";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { SharedLimitArmId, WorkerPlan, WorkerReport } from "./shared-limit-worker.js";
import { arrivalsPerWindow } from "./arrival-windows.js";
import { interleavedRounds, summarize, type Summary } from "./stats.js";

/** What the shared-limit benchmark measures, and how hard. */
export interface SharedLimitOptions {
  /** The limit every arm's processes share, requests per second (the issue: 10). */
  requestsPerSecond: number;
  /** Process counts (the issue: 1, 2, 4, 8). */
  processCounts: readonly number[];
  /** How long each run sends, ms. */
  runMs: number;
  /** Interleaved rounds of each (arm, N). */
  rounds: number;
  /** Rounds and calls of the turn-cost measurement. */
  turnCostRounds: number;
  turnCostCalls: number;
  onProgress?: (message: string) => void;
}

/** Figures of one arm at one process count, over the rounds. */
export interface SharedLimitRun {
  arm: SharedLimitArmId;
  processes: number;
  /** Requests per second at the server, first to last arrival. */
  achievedRate: Summary;
  /** `achievedRate` over the limit. */
  shareOfLimit: Summary;
  /** The most arrivals in any one-second window. */
  worstWindow: Summary;
  /** The most requests let go in any one-second window, by the moments the arm let them go (the arm's own promise). */
  worstWindowAtGo: Summary;
  requests: Summary;
  /** Round trips to Redis per request beyond the first (refused tries that waited and asked again). */
  extraRedisCallsPerRequest: Summary;
  /**
   * Arrivals at the server in each second from the common start, of the last round (absent from
   * results of older runs): the time series the shared-limit chart draws.
   */
  arrivalsPerSecond?: number[] | undefined;
}

/** What a turn costs a call when it need not wait: one `acquire` (or `consume`), µs. */
export interface TurnCost {
  arm: SharedLimitArmId;
  microsPerTurn: Summary;
}

/** One Lua-script round trip (EVALSHA) through each Node Redis client, µs: what choosing the library costs. */
export interface ClientRoundTrip {
  client: "ioredis" | "node-redis";
  label: string;
  microsPerCall: Summary;
}

export interface SharedLimitResult {
  requestsPerSecond: number;
  runMs: number;
  rounds: number;
  arms: { id: SharedLimitArmId; label: string }[];
  runs: SharedLimitRun[];
  turnCost: TurnCost[];
  turnCostCalls: number;
  /** The two Redis libraries side by side (optional: absent from results of older runs). */
  clientRoundTrip?: ClientRoundTrip[] | undefined;
}

export const sharedLimitArms: { id: SharedLimitArmId; label: string }[] = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit` (one key)" },
  { id: "memory-split", label: "in-process store, limit ÷ N per process (reference)" },
  {
    id: "rate-limiter-flexible",
    label: "`rate-limiter-flexible` `RateLimiterRedis`, 10 points / 1 s, wait `msBeforeNext`",
  },
];

const workerEntry = fileURLToPath(new URL("../dist/shared-limit-worker.js", import.meta.url));
const serverEntry = fileURLToPath(new URL("../dist/shared-limit-server.js", import.meta.url));

/** Runs the N-process comparison and the turn-cost measurement against a redis-server of its own. */
export async function measureSharedLimit(options: SharedLimitOptions): Promise<SharedLimitResult> {
  const log = options.onProgress ?? (() => undefined);
  const arms = sharedLimitArms;
  const redis = await startRedisServer();
  const server = await startArrivalServer();
  try {
    const cases = arms.flatMap((arm) => options.processCounts.map((processes) => ({ arm: arm.id, processes })));
    let runNumber = 0;
    const samples = await interleavedRounds(cases, options.rounds, async (testCase, round) => {
      runNumber += 1;
      await server.reset();
      const key = `bench:${testCase.arm}:${testCase.processes}:${round}:${runNumber}`;
      // Eight Node processes take seconds to start on a busy 2-core machine: the common start is after that.
      const startAt = performance.timeOrigin + performance.now() + 2_000 + 400 * testCase.processes;
      const plans: WorkerPlan[] = Array.from({ length: testCase.processes }, (_, id) => ({
        arm: testCase.arm,
        id,
        processes: testCase.processes,
        requestsPerSecond: options.requestsPerSecond,
        redisUrl: redis.url,
        key,
        serverUrl: server.url,
        startAt,
        durationMs: options.runMs,
      }));
      const reports = await runWorkers(plans, options.runMs + 30_000);
      const { arrivals, goneAt } = await server.arrivals();
      const sent = reports.reduce((sum, report) => sum + report.sent, 0);
      const rate = achievedRate(arrivals);
      const sample = {
        rate,
        share: rate / options.requestsPerSecond,
        worst: maxInWindow(arrivals),
        worstAtGo: maxInWindow(goneAt),
        requests: arrivals.length,
        extra: sent > 0 ? reports.reduce((sum, report) => sum + report.extraRedisCalls, 0) / sent : 0,
        perSecond: arrivalsPerWindow(arrivals, startAt),
      };
      log(
        `round ${round + 1} ${testCase.arm} × ${testCase.processes}: ${rate.toFixed(2)} req/s, busiest window ${sample.worst} at the server, ${sample.worstAtGo} at "go", ${arrivals.length} requests`,
      );
      return sample;
    });
    const runs: SharedLimitRun[] = cases.map((testCase) => {
      const got = samples.get(testCase)!;
      const of = (pick: (sample: (typeof got)[number]) => number) => summarize(got.map(pick));
      return {
        arm: testCase.arm,
        processes: testCase.processes,
        achievedRate: of((s) => s.rate),
        shareOfLimit: of((s) => s.share),
        worstWindow: of((s) => s.worst),
        worstWindowAtGo: of((s) => s.worstAtGo),
        requests: of((s) => s.requests),
        extraRedisCallsPerRequest: of((s) => s.extra),
        arrivalsPerSecond: got.at(-1)?.perSecond,
      };
    });
    log("turn cost: one acquire that need not wait, arms interleaved");
    const turnCost = await measureTurnCost(
      redis.url,
      options.requestsPerSecond,
      arms.map((arm) => arm.id),
      options.turnCostRounds,
      options.turnCostCalls,
    );
    log("one EVALSHA round trip through ioredis and through node-redis, interleaved");
    const clientRoundTrip = await measureClientRoundTrip(redis.url, options.turnCostRounds, options.turnCostCalls);
    return {
      requestsPerSecond: options.requestsPerSecond,
      runMs: options.runMs,
      rounds: options.rounds,
      arms,
      runs,
      turnCost,
      turnCostCalls: options.turnCostCalls,
      clientRoundTrip,
    };
  } finally {
    await server.stop();
    await redis.stop();
  }
}

/**
 * The time one turn takes when it need not wait: the store's own cost per call, which is what it adds
 * to every request below the limit. Each timed call is made at the benchmark's limit on a fresh state
 * (the key deleted, or a new in-process store, before the timer starts), so that it never waits and
 * the state is as small as at the limit. Each round times every arm's block of calls, in rotating order.
 */
async function measureTurnCost(
  redisUrl: string,
  requestsPerSecond: number,
  armIds: readonly SharedLimitArmId[],
  rounds: number,
  calls: number,
): Promise<TurnCost[]> {
  const key = "bench:turn-cost";
  const store = createRedisRateLimitStore({ redis: redisUrl, key });
  const connection = new Redis(redisUrl, { enableOfflineQueue: false });
  const limiter = new RateLimiterRedis({
    storeClient: connection,
    points: requestsPerSecond,
    duration: 1,
    keyPrefix: "bench:turn-cost-rlf",
  });
  const turn = { requestsPerSecond, maxWaitMs: 60_000 };
  try {
    await store.usage();
    await new Promise((resolve) =>
      connection.status === "ready" ? resolve(undefined) : connection.once("ready", resolve),
    );
    /** Prepares a fresh state (untimed) and returns the timed turn. */
    const prepared: Record<SharedLimitArmId, () => Promise<() => Promise<unknown>>> = {
      "redis-store": async () => {
        await connection.del(key);
        return () => store.acquire(turn);
      },
      "memory-split": async () => {
        const memory = createMemoryRateLimitStore();
        return () => memory.acquire(turn);
      },
      "rate-limiter-flexible": async () => {
        await limiter.delete("gong");
        return () => limiter.consume("gong");
      },
    };
    const block = async (id: SharedLimitArmId): Promise<number> => {
      let total = 0;
      for (let i = 0; i < calls; i++) {
        const call = await prepared[id]();
        const started = performance.now();
        await call();
        total += performance.now() - started;
      }
      return (total * 1000) / calls;
    };
    for (const id of armIds) await block(id); // warm-up: scripts loaded, code paths compiled
    const samples = await interleavedRounds(armIds, rounds, (id) => block(id));
    return armIds.map((arm) => ({ arm, microsPerTurn: summarize(samples.get(arm)!) }));
  } finally {
    await store.close();
    connection.disconnect();
  }
}

/**
 * The same small script (`redis.call('TIME')`, by its SHA) through ioredis 6 and node-redis 6
 * (`@redis/client`), each with one connection, blocks of sequential calls interleaved: the per-call
 * cost of each library on loopback, the figure behind choosing one.
 */
async function measureClientRoundTrip(redisUrl: string, rounds: number, calls: number): Promise<ClientRoundTrip[]> {
  const lua = "return redis.call('TIME')";
  const sha = createHash("sha1").update(lua).digest("hex");
  const io = new Redis(redisUrl, { enableOfflineQueue: false });
  const node = createClient({ url: redisUrl });
  node.on("error", () => undefined);
  try {
    await Promise.all([
      new Promise((resolve) => (io.status === "ready" ? resolve(undefined) : io.once("ready", resolve))),
      node.connect(),
    ]);
    await io.script("LOAD", lua);
    const clients = {
      ioredis: () => io.evalsha(sha, 0),
      "node-redis": () => node.evalSha(sha, { keys: [], arguments: [] }),
    } as const;
    const ids = Object.keys(clients) as (keyof typeof clients)[];
    const block = async (id: keyof typeof clients): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await clients[id]();
      return ((performance.now() - started) * 1000) / calls;
    };
    for (const id of ids) await block(id);
    const samples = await interleavedRounds(ids, rounds, (id) => block(id));
    return ids.map((id) => ({
      client: id,
      label: id === "ioredis" ? "ioredis 6" : "node-redis 6 (`@redis/client`)",
      microsPerCall: summarize(samples.get(id)!),
    }));
  } finally {
    io.disconnect();
    await node.close().catch(() => undefined);
  }
}

/**
 * Runs a Node script at a raised priority when allowed (root), so that other work on the machine blurs
 * the arrival times less; the arms all get the same.
 */
function prioritized(args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["nice", ["-n", "-20", process.execPath, ...args]] : [process.execPath, args];
}

/** The arrival-recording server, running. */
export interface ArrivalServer {
  url: string;
  /** The process group it runs in. */
  pid: number;
  reset(): Promise<void>;
  arrivals(): Promise<{ arrivals: number[]; goneAt: number[] }>;
  stop(): Promise<void>;
}

/** Starts the arrival-recording server in a process of its own (see shared-limit-server.ts). */
export async function startArrivalServer(): Promise<ArrivalServer> {
  const child = spawnInGroup(...prioritized([serverEntry]), { stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => killProcessGroup(child, 1_000);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error("the arrival server did not start within 10 s")), 10_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString("utf8");
        const match = /listening (\d+)/.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once("exit", (code) => reject(new Error(`the arrival server exited early (${code})`)));
    });
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      pid: child.pid as number,
      async reset() {
        await (await fetch(`${url}/__reset`, { method: "POST" })).arrayBuffer();
      },
      async arrivals() {
        return (await (await fetch(`${url}/__arrivals`)).json()) as { arrivals: number[]; goneAt: number[] };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts one worker process per plan, all at once, and collects their reports; kills them all when done or failed. */
function runWorkers(plans: readonly WorkerPlan[], timeoutMs: number): Promise<WorkerReport[]> {
  return runWorkerProcesses(workerEntry, plans, timeoutMs, true);
}

/**
 * Starts `entry` once per plan (argv[2]: the plan as JSON), all at once, at raised priority when
 * `raised` and allowed, and collects the JSON line each prints last; kills them all when done or failed.
 */
export async function runWorkerProcesses<P, R>(
  entry: string,
  plans: readonly P[],
  timeoutMs: number,
  raised: boolean,
): Promise<R[]> {
  const command = (plan: P): [string, string[]] =>
    raised ? prioritized([entry, JSON.stringify(plan)]) : [process.execPath, [entry, JSON.stringify(plan)]];
  const children: ChildProcess[] = plans.map((plan) =>
    spawnInGroup(...command(plan), { stdio: ["ignore", "pipe", "pipe"] }),
  );
  try {
    return await Promise.all(
      children.map(
        (child) =>
          new Promise<R>((resolve, reject) => {
            let stdout = "";
            let stderr = "";
            child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
            child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
            const timer = setTimeout(
              () => reject(new Error(`a shared-limit worker ran past ${timeoutMs} ms:\n${stderr}`)),
              timeoutMs,
            );
            child.once("exit", (code) => {
              clearTimeout(timer);
              const last = stdout.trim().split("\n").at(-1) ?? "";
              if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as R);
              else reject(new Error(`a shared-limit worker exited with ${code}:\n${stderr}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(children.map((child) => killProcessGroup(child, 1_000)));
  }
}
