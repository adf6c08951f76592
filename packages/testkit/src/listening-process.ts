import type { SpawnOptions } from "node:child_process";
import { freeLoopbackPort } from "./port.js";
import { killProcessGroup, spawnInGroup } from "./process-group.js";

/** A server process started by {@link startListeningProcess}, listening on 127.0.0.1. */
export interface ListeningProcess {
  /** Base URL, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The process id of the leader of its process group (see spawnInGroup). */
  readonly pid: number;
  /** The last lines it printed, for failure messages. */
  readonly output: readonly string[];
  /**
   * Stops the process and every process it started (its whole process group) and resolves once they
   * are gone. Safe to call more than once.
   */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** How to start one kind of server and know that it listens. */
export interface ListeningProcessSpec {
  /** Its name in error messages ("Prism", "the Gong mock"). */
  name: string;
  /** The command line for a port; run with this Node.js binary. */
  args(port: number): string[];
  /** Matches the line it prints once it listens. */
  readyPattern: RegExp;
  env?: SpawnOptions["env"];
  cwd?: string | undefined;
  /** How long to wait for the ready line. */
  startTimeoutMs: number;
  /** Receives every line printed. */
  onLine?: ((line: string) => void) | undefined;
}

const keptLines = 200;

class PortInUseError extends Error {}

/**
 * Starts a Node.js server on a free port of 127.0.0.1 in a process group of its own and resolves
 * once it prints its ready line; a few ports are tried when one is taken between choosing and
 * binding. It rejects with the server's own output when it exits or does not start in time, and
 * then nothing of it is left running.
 */
export async function startListeningProcess(spec: ListeningProcessSpec): Promise<ListeningProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(spec, await freeLoopbackPort());
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

async function startOnce(spec: ListeningProcessSpec, port: number): Promise<ListeningProcess> {
  // Its own process group: stop() kills the server and anything it forked, together.
  const child = spawnInGroup(process.execPath, spec.args(port), {
    stdio: ["ignore", "pipe", "pipe"],
    env: spec.env ?? { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
  });
  if (child.pid === undefined) throw new Error(`could not start ${spec.name}`);

  const output: string[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= killProcessGroup(child);
    return stopped;
  };

  const ready = new Promise<void>((resolveReady, rejectReady) => {
    const timer = setTimeout(
      () => rejectReady(new Error(`${spec.name} did not start within ${spec.startTimeoutMs} ms:\n${output.join("\n")}`)),
      spec.startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) {
        if (!line) continue;
        output.push(line);
        if (output.length > keptLines) output.shift();
        spec.onLine?.(line);
        if (spec.readyPattern.test(line)) {
          clearTimeout(timer);
          resolveReady();
        }
        if (/EADDRINUSE/.test(line)) {
          clearTimeout(timer);
          rejectReady(new PortInUseError(`port ${port} is in use`));
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rejectReady(new Error(`${spec.name} exited before it was ready (code ${code}, signal ${signal}):\n${output.join("\n")}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      rejectReady(error);
    });
  });

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  // Servers print the host they were given; the URL is built here so it is always the loopback address.
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid, output, stop, [Symbol.asyncDispose]: stop };
}
