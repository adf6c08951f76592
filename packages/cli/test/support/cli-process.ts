import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { killProcessGroup, runProcess, spawnInGroup, type ProcessOutcome } from "@gong-flows/testkit";

/** The built `gong-flows` of this package (turbo builds it before the tests). */
export const builtCli = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

/** The environment of a CLI under test: the mock's URL and credentials, nothing else of this process's. */
export function cliEnv(
  baseUrl: string,
  credentials: { accessKey: string; accessKeySecret: string },
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"],
    NO_COLOR: "1",
    GONG_BASE_URL: baseUrl,
    GONG_ACCESS_KEY: credentials.accessKey,
    GONG_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    ...extra,
  };
}

/** Runs `gong-flows` to the end (no terminal: stdin is not a TTY) and returns its exit and output. */
export function runCliProcess(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; cli?: string; timeoutMs?: number },
): Promise<ProcessOutcome> {
  return runProcess(process.execPath, [options.cli ?? builtCli, ...args], {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
}

/** A `gong-flows` process left running, to be signalled mid-run. */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the CLI (and nothing else of its group). */
  signal(signal: NodeJS.Signals): void;
  /** Kills the whole group at once, as `kill -9` would: no handler runs, nothing is flushed. */
  kill9(): void;
  /** Ends the group if still there (teardown). */
  stop(): Promise<void>;
}

/**
 * Starts `gong-flows` in a process group of its own (testkit's watchdog leads it, so the CLI dies
 * with the test run however that ends).
 */
export function startCliProcess(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; cli?: string },
): RunningCli {
  const child = spawnInGroup(process.execPath, [options.cli ?? builtCli, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    // The watchdog passes SIGINT/SIGTERM on to the CLI and waits for it.
    signal: (signal) => child.kill(signal),
    kill9: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
    stop: () => killProcessGroup(child, 1_000),
  };
}

/** Waits until `check` holds, polling every 20 ms, or fails after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
