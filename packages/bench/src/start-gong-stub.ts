import { fileURLToPath } from "node:url";
import { killProcessGroup, spawnInGroup } from "@gong-flows/testkit";
import type { GongStubOptions, GongStubStats } from "./gong-stub-server.js";

/** A running stub server in a child process on 127.0.0.1. */
export interface GongStubProcess {
  /** Base URL for a client, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The process group's id (the pid of its leader). */
  readonly pid: number;
  /** Reads the server's counters. */
  stats(): Promise<GongStubStats>;
  /** Clears the server's counters and its rate-limit bucket. */
  reset(): Promise<void>;
  /** Ends the child's whole process group and waits for it. Safe to call twice. */
  stop(): Promise<void>;
}

// Child processes run the compiled script (Node 20 runs no TypeScript), from src/ (tests) as from dist/.
const entry = fileURLToPath(new URL("../dist/gong-stub-process.js", import.meta.url));

/**
 * Starts the stub of Gong's flow endpoints in a process of its own (see `gong-stub-process.ts`) and
 * resolves once it listens. Callers must `stop()` it in a `finally`; if the benchmark dies instead, the
 * process group's watchdog (see `spawnInGroup`) ends the stub.
 */
export async function startGongStubProcess(
  options: GongStubOptions & { lifetimeMs?: number } = {},
): Promise<GongStubProcess> {
  const child = spawnInGroup(process.execPath, [entry, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the stub server");
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= killProcessGroup(child, 1_000));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the stub server did not start within 10 s")), 10_000);
      let seen = "";
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
        reject(new Error(`the stub server exited early (code ${code})`));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      pid,
      async stats() {
        const response = await fetch(`${url}/__stats`);
        return (await response.json()) as GongStubStats;
      },
      async reset() {
        const response = await fetch(`${url}/__reset`, { method: "POST" });
        await response.arrayBuffer();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
