import type { ChildProcess } from "node:child_process";
import {
  killProcessGroup,
  type ListeningProcess,
  raiseGroupPriority,
  spawnInGroup,
  startListeningProcess,
} from "@gong-flows/testkit";
import { distEntry } from "./paths.js";

/** The list path of the spec, as every arm calls it. */
export const listPath = "/v2/flows/prospects";

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

/**
 * Starts `entry` once per plan (argv[2]: the plan as JSON), all at once, raised in priority when `raised`
 * and allowed, and collects the JSON line each prints last; kills them all when done or failed.
 */
export async function runWorkerProcesses<P, R>(
  entry: string,
  plans: readonly P[],
  timeoutMs: number,
  raised: boolean,
): Promise<R[]> {
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
