import { killProcessGroup, spawnInGroup } from "./process-group.js";

/** How a process ended and what it printed. */
export interface ProcessOutcome {
  /** The exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when it was stopped for running past `timeoutMs`. */
  readonly timedOut: boolean;
}

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  readonly cwd: string;
  /** The whole environment of the process (nothing is inherited implicitly). */
  readonly env: NodeJS.ProcessEnv;
  /** Stop the process group after this long. Default 120 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs a command in a process group of its own and resolves once it has exited, with its output.
 * Whatever it started (npm's scripts, a runtime's workers) is killed with it: the whole group is
 * ended when the command exits, when it runs past the timeout, and when this process exits.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawnInGroup(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      void killProcessGroup(child, 1_000);
    }, options.timeoutMs ?? 120_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      // The leader is gone; end anything it left behind in its group before reporting.
      void killProcessGroup(child, 0).finally(() => resolve({ code, signal, stdout, stderr, timedOut }));
    });
  });
}

/** Throws with the command's output unless it exited with code 0. */
export function assertSucceeded(what: string, outcome: ProcessOutcome): ProcessOutcome {
  if (outcome.code !== 0) {
    const how = outcome.timedOut ? "timed out" : `exited with ${outcome.code ?? outcome.signal}`;
    throw new Error(`${what} ${how}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`);
  }
  return outcome;
}
