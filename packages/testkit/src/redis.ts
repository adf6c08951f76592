import { execFileSync } from "node:child_process";
import { killProcessGroup, spawnInGroup } from "./process-group.js";
import { onFreePort, waitForReadyLine } from "./ready-line.js";
import { scratchDir } from "./scratch-dir.js";

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /**
   * The port to listen on. Default: a free one. Give the port of a server stopped earlier to start
   * "the same" Redis again (a restart after a crash); it starts empty, as a crashed Redis without
   * persistence does.
   */
  port?: number;
  /** Require this password (`requirepass`); the URL then carries it as `redis://:PASSWORD@…`. */
  password?: string;
  /** The `redis-server` binary. Default: `redis-server` from `PATH` (Debian's package). */
  binary?: string;
  /** How long to wait for Redis to say it accepts connections. Default 15 s. */
  startTimeoutMs?: number;
}

/** A running `redis-server`, listening on 127.0.0.1 only, persisting nothing. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT`, with `:PASSWORD@` when a password was set. */
  readonly url: string;
  readonly port: number;
  /** The process id of the leader of its process group (see spawnInGroup). */
  readonly pid: number;
  /** Its temporary working folder (it persists nothing there); gone once Redis has stopped. */
  readonly dir: string;
  /** The last lines Redis printed, for failure messages. */
  readonly output: readonly string[];
  /**
   * Stops Redis (its whole process group, SIGTERM then SIGKILL) and removes its working folder;
   * resolves once both are gone. Safe to call more than once.
   */
  stop(): Promise<void>;
  /** Kills Redis at once with SIGKILL, as a crash would, then removes its folder. */
  kill(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const readyPattern = /Ready to accept connections/;
const keptLines = 100;

/**
 * True when a `redis-server` binary can be run (Debian: `apt-get install -y redis-server`). Tests that
 * need one should fail, not skip, without it: `.ci/run` installs it.
 */
export function redisServerAvailable(binary = "redis-server"): boolean {
  try {
    execFileSync(binary, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a `redis-server` of its own on 127.0.0.1 (a free port unless one is given) in a process group
 * of its own, with a fresh temporary working folder, no persistence and protected mode on, and resolves
 * once it accepts connections.
 *
 * Callers must `stop()` it in a `finally` or teardown hook. A test process that dies without doing so
 * — even by SIGKILL — still takes its Redis and its folder with it: the group's leader, testkit's
 * watchdog, kills Redis, and the folder is a {@link scratchDir}, whose guard removes it.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * try {
 *   const store = createRedisRateLimitStore({ redis: redis.url });
 *   // ...
 * } finally {
 *   await redis.stop();
 * }
 * ```
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  return onFreePort((port) => startOnce(port, options), options.port);
}

async function startOnce(port: number, options: StartRedisServerOptions): Promise<RedisServer> {
  const scratch = await scratchDir("gong-flows-redis-");
  const dir = scratch.path;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--protected-mode",
    "yes",
    "--dir",
    dir,
    // Nothing on disk: a restarted server starts empty, as a crashed one without persistence does.
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "no",
    "--logfile",
    "",
    "--loglevel",
    "notice",
  ];
  if (options.password !== undefined) args.push("--requirepass", options.password);
  const child = spawnInGroup(options.binary ?? "redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) {
    await scratch.remove();
    throw new Error("could not start redis-server");
  }
  const pid = child.pid;

  const output: string[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= killProcessGroup(child, 3_000).then(() => scratch.remove()));
  let serverPid: number | undefined;
  // SIGKILL to redis-server alone (not the group): the watchdog reaps it at once, as a supervisor
  // would, instead of leaving a zombie for the machine's init to collect.
  const kill = (): Promise<void> => {
    try {
      process.kill(serverPid ?? -pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    return stop();
  };

  const spec = {
    name: "redis-server",
    port,
    readyPattern,
    portInUsePattern: /Address already in use/i,
    startTimeoutMs: options.startTimeoutMs ?? 15_000,
    onLine: (line: string) => {
      const announced = /\bpid=(\d+)/.exec(line);
      if (announced?.[1] && serverPid === undefined) serverPid = Number(announced[1]);
    },
    exitHint: (code: number | null) =>
      code === 127 ? " (is redis-server installed? `apt-get install -y redis-server`)" : "",
  };
  await waitForReadyLine(child, spec, output, keptLines, stop);
  const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`;
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    pid,
    dir,
    output,
    stop,
    kill,
    [Symbol.asyncDispose]: stop,
  };
}
