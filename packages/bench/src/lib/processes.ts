import type { ChildProcess } from "node:child_process";
import {
  killProcessGroup,
  type ListeningProcess,
  raiseGroupPriority,
  spawnInGroup,
  startListeningProcess,
  startRedisServer,
} from "@gong-flows/testkit";
import type { LimitWorkerPlan, LimitWorkerReport } from "./limit-worker.js";
import { distEntry } from "./paths.js";

/** The list path of the spec, as every arm calls it. */
export const listPath = "/v2/flows/prospects";
/** A bearer token for the stub, which does not check it. */
export const benchToken = "bench-token";

/** The stub of `stub-process.ts`, running. */
export interface Stub extends ListeningProcess {
  reset(): Promise<void>;
  arrivals(): Promise<{ arrivals: number[]; goneAt: number[] }>;
}

/**
 * Starts the stub in a process of its own (so the callers' event loops cannot blur its clock) through
 * testkit, raised in priority where allowed (root): arrivals are stamped when they happen.
 */
export async function startStub(): Promise<Stub> {
  const server = await startListeningProcess({
    name: "the benchmark's stub",
    args: (port) => [distEntry("lib/stub-process.js"), String(port)],
    readyPattern: /^stub listening on /,
    startTimeoutMs: 10_000,
  });
  await raiseGroupPriority(server.pid);
  return Object.assign(server, {
    async reset() {
      await (await fetch(`${server.url}/__reset`, { method: "POST" })).arrayBuffer();
    },
    async arrivals() {
      return (await (await fetch(`${server.url}/__arrivals`)).json()) as { arrivals: number[]; goneAt: number[] };
    },
  });
}

/** Runs `use` with a `redis-server` and the stub of their own; both are stopped afterwards, also on failure. */
export async function withRedisAndStub<T>(use: (redisUrl: string, stub: Stub) => Promise<T>): Promise<T> {
  const redis = await startRedisServer();
  let stub: Stub | undefined;
  try {
    stub = await startStub();
    return await use(redis.url, stub);
  } finally {
    await stub?.stop();
    await redis.stop();
  }
}

/**
 * Starts `plan.processes` limit workers on the plan, all at once (raised in priority when `raised` and
 * allowed), against the stub reset before; returns their reports and the stub's arrivals. Throws on any
 * failed call.
 */
export async function runLimitWorkers(
  stub: Stub,
  plan: Omit<LimitWorkerPlan, "id" | "serverUrl">,
  timeoutMs: number,
  raised: boolean,
) {
  const plans = Array.from(
    { length: plan.processes },
    (_, id): LimitWorkerPlan => ({ ...plan, id, serverUrl: stub.url }),
  );
  await stub.reset();
  const entry = distEntry("lib/limit-worker.js");
  const reports = await runWorkerProcesses<LimitWorkerReport>(entry, plans, timeoutMs, raised);
  const errors = reports.flatMap((report) => report.errors);
  if (errors.length > 0) throw new Error(`${plans[0]?.arm} × ${plans.length}: ${errors.slice(0, 3).join("; ")}`);
  return { reports, ...(await stub.arrivals()) };
}

/**
 * Starts `entry` once per plan (argv[2]: the plan as JSON), all at once, and collects the JSON line each
 * prints last; kills them all when done or failed.
 */
async function runWorkerProcesses<R>(entry: string, plans: readonly object[], timeoutMs: number, raised: boolean) {
  const children: ChildProcess[] = plans.map((plan) =>
    spawnInGroup(process.execPath, [entry, JSON.stringify(plan)], { stdio: ["ignore", "pipe", "pipe"] }),
  );
  try {
    if (raised) await Promise.all(children.map((child) => child.pid && raiseGroupPriority(child.pid)));
    return await Promise.all(children.map((child) => report<R>(child, timeoutMs)));
  } finally {
    await Promise.all(children.map((child) => killProcessGroup(child, 1_000)));
  }
}

function report<R>(child: ChildProcess, timeoutMs: number): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => reject(new Error(`a worker ran past ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as R);
      else reject(new Error(`a worker exited with ${code}:\n${stderr}`));
    });
  });
}
