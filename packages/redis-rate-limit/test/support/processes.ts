import { fileURLToPath } from "node:url";
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { killProcessGroup, scratchDir, spawnInGroup } from "@gong-flows/testkit";
import type { ChildProcess } from "node:child_process";

const recordingServerScript = fileURLToPath(new URL("recording-server.mjs", import.meta.url));
const workerScript = fileURLToPath(new URL("worker.mjs", import.meta.url));
const clientWorkerScript = fileURLToPath(new URL("client-worker.mjs", import.meta.url));
const busyWorkerScript = fileURLToPath(new URL("busy-worker.mjs", import.meta.url));

/** One request as the recording server saw it arrive. */
export interface Arrival {
  /** Arrival time by the server's clock, ms since the epoch (sub-millisecond). */
  readonly at: number;
  readonly worker: string | null;
  readonly status: number;
  /** When the worker's store let it go, by the worker's clock (the same machine's), ms since the epoch. */
  readonly goneAt: number;
}

/** The recording stand-in for Gong, in a process of its own on 127.0.0.1. */
export interface RecordingServer {
  readonly url: string;
  /** Clears the record and sets which arrivals (1-based) get a 429 with `Retry-After`. */
  configure(config: { status429For?: number[]; retryAfterSeconds?: number }): Promise<void>;
  /** Every arrival so far, in order. */
  arrivals(): Promise<Arrival[]>;
  /** Answers every later request with `x-stop: 1`, after which a worker sends no more (until `configure`). */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a command at a raised priority when allowed (root), so neighbours' load blurs the timing less. */
function prioritized(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["nice", ["-n", "-20", command, ...args]] : [command, args];
}

/** Waits for a child to print `listening <port>`; rejects if it exits or stays silent for 15 s. */
function portOf(child: ChildProcess, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 15 s`)), 15_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /listening (\d+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited early (${code})`));
    });
  });
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const child = spawnInGroup(...prioritized(process.execPath, [recordingServerScript]), {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= killProcessGroup(child, 1_000));
  try {
    const url = `http://127.0.0.1:${await portOf(child, "the recording server")}`;
    return {
      url,
      async configure(config) {
        const response = await fetch(`${url}/__config`, {
          method: "POST",
          body: JSON.stringify({ status429For: [], retryAfterSeconds: 1, ...config }),
        });
        await response.arrayBuffer();
      },
      async arrivals() {
        const response = await fetch(`${url}/__arrivals`);
        return ((await response.json()) as { arrivals: Arrival[] }).arrivals;
      },
      async stopWorkers() {
        await (await fetch(`${url}/__stop`, { method: "POST" })).arrayBuffer();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Settings of one worker process (see worker.mjs). */
export interface WorkerSettings {
  id: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  requestsPerSecond: number | null;
  requests: number;
  runForMs: number;
  dailyQuota?: number;
  maxWaitMs?: number;
  unavailableTimeoutMs?: number;
  skewMs?: number;
}

/** What a worker did and saw. */
export interface WorkerReport {
  id: number;
  sent: number;
  events: {
    type: "refused-or-failed" | "429";
    name?: string;
    message?: string;
    reason?: string;
    retryAfterMs?: number;
    json?: string;
    at: number;
  }[];
}

/** Settings of one client worker process (see client-worker.mjs). */
export interface ClientWorkerSettings {
  id: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  requestsPerSecond: number;
  calls: number;
  dailyQuota?: number;
  unavailableTimeoutMs?: number;
  maxRetryAfterMs?: number;
}

/** What a client worker did and saw. */
export interface ClientWorkerReport {
  id: number;
  done: number;
  errors: { name: string; message: string; retryAfterMs?: number; json: string }[];
}

/** {@link runWorkers} for processes that call Gong through `@gong-flows/client` with the store. */
export function runClientWorkers(
  all: readonly ClientWorkerSettings[],
  timeoutMs = 60_000,
): Promise<ClientWorkerReport[]> {
  return runScripts(clientWorkerScript, all, timeoutMs);
}

/** Settings of one worker of a busy machine (see busy-worker.mjs). */
export interface BusyWorkerSettings {
  id: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  requestsPerSecond: number;
  concurrency: number;
  /** Ms after the common start (once every worker is up and connected to Redis) at which it starts calling. */
  startAfterMs: number;
  /** Ms after the common start after which it starts no more calls. */
  endAfterMs: number;
}

/**
 * {@link runClientWorkers} for processes at the machine's normal priority, as a user's are (the
 * others run raised when allowed), without a warm-up: each one's first request opens a connection.
 */
export async function runBusyWorkers(
  all: readonly BusyWorkerSettings[],
  timeoutMs = 60_000,
): Promise<ClientWorkerReport[]> {
  // The common start goes through a file: a child's stdin is its watchdog's pipe (see spawnInGroup).
  const scratch = await scratchDir("gong-flows-busy-start-");
  const startFile = join(scratch.path, "start");
  try {
    const settings = all.map((one) => ({ ...one, startFile }));
    return await runScripts(busyWorkerScript, settings, timeoutMs, { raised: false, startFile });
  } finally {
    await scratch.remove();
  }
}

/**
 * Starts one Node process per settings, all at once, each in a process group of its own (killed with
 * the group when this returns, fails, or times out), and resolves with their reports.
 */
export function runWorkers(all: readonly WorkerSettings[], timeoutMs = 60_000): Promise<WorkerReport[]> {
  return runScripts(workerScript, all, timeoutMs);
}

async function runScripts<S extends { id: number }, R>(
  script: string,
  all: readonly S[],
  timeoutMs: number,
  { raised = true, startFile = undefined as string | undefined } = {},
): Promise<R[]> {
  const command = (settings: S): [string, string[]] =>
    raised
      ? prioritized(process.execPath, [script, JSON.stringify(settings)])
      : [process.execPath, [script, JSON.stringify(settings)]];
  const children = all.map((settings) => spawnInGroup(...command(settings), { stdio: ["ignore", "pipe", "pipe"] }));
  if (startFile !== undefined) void startWhenAllReady(children, startFile);
  try {
    return await Promise.all(
      children.map(
        (child, i) =>
          new Promise<R>((resolve, reject) => {
            let stdout = "";
            let stderr = "";
            child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
            child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
            const timer = setTimeout(
              () => reject(new Error(`worker ${all[i]!.id} ran past ${timeoutMs} ms:\n${stderr}`)),
              timeoutMs,
            );
            child.once("exit", (code) => {
              clearTimeout(timer);
              const last = stdout.trim().split("\n").at(-1) ?? "";
              if (code !== 0 || !last.startsWith("{"))
                reject(new Error(`worker ${all[i]!.id} exited with ${code}:\n${stdout}\n${stderr}`));
              else resolve(JSON.parse(last) as R);
            });
          }),
      ),
    );
  } finally {
    await Promise.all(children.map((child) => killProcessGroup(child, 1_000)));
  }
}

/**
 * Once every child has printed `ready` (started and connected), writes one common start time (epoch ms,
 * a moment from now) to `startFile`, which they wait for: no fixed lead for slow process starts.
 */
async function startWhenAllReady(children: readonly ChildProcess[], startFile: string): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          let seen = "";
          const onData = (chunk: Buffer) => {
            seen += chunk.toString("utf8");
            if (!/^ready$/m.test(seen)) return;
            child.stdout?.off("data", onData);
            resolve();
          };
          child.stdout?.on("data", onData);
          child.once("exit", () => resolve());
        }),
    ),
  );
  // Written whole, then renamed: a worker never reads half a number.
  await writeFile(`${startFile}.partial`, String(Date.now() + 100));
  await rename(`${startFile}.partial`, startFile);
}
