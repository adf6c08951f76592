import type { SpawnOptions } from "node:child_process";
import { killProcessGroup, spawnInGroup } from "./process-group.js";
import { onFreePort, waitForReadyLine } from "./ready-line.js";

/** A server process started by {@link startListeningProcess}, listening on 127.0.0.1. */
export interface ListeningProcess {
  /** Base URL, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The process id of the leader of its process group (see spawnInGroup). */
  readonly pid: number;
  /** The last lines it printed, for failure messages. */
  readonly output: readonly string[];
  /** Settles when the process itself exits, with its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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

/**
 * Starts a Node.js server on a free port of 127.0.0.1 in a process group of its own and resolves
 * once it prints its ready line; a few ports are tried when one is taken between choosing and
 * binding. It rejects with the server's own output when it exits or does not start in time, and
 * then nothing of it is left running.
 */
export async function startListeningProcess(spec: ListeningProcessSpec): Promise<ListeningProcess> {
  return onFreePort((port) => startOnce(spec, port));
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= killProcessGroup(child);
    return stopped;
  };

  await waitForReadyLine(child, { ...spec, port, portInUsePattern: /EADDRINUSE/ }, output, keptLines, stop);
  // Servers print the host they were given; the URL is built here so it is always the loopback address.
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid, output, exited, stop, [Symbol.asyncDispose]: stop };
}
