import { spawn, type ChildProcess } from "node:child_process";
import { killProcessGroup } from "@gong-flows/testkit";

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

/** Every process group started here and not yet ended; killed if this process exits early. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // `exit` handlers cannot wait: SIGKILL each group synchronously so that no runtime or browser
  // started by a test outlives a crashed test run.
  process.on("exit", () => {
    for (const child of running) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

/**
 * Runs a command in a process group of its own and resolves once it has exited, with its output.
 * Whatever it started (npm's scripts, a runtime's workers) is killed with it: the whole group is
 * ended when the command exits, when it runs past the timeout, and when this process exits.
 */
export function runProcess(command: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    installExitHook();
    running.add(child);
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
      running.delete(child);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      // The leader is gone; end anything it left behind in its group before reporting.
      void killProcessGroup(child, 0).finally(() => {
        running.delete(child);
        resolve({ code, signal, stdout, stderr, timedOut });
      });
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
