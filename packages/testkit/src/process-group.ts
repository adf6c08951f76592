import type { ChildProcess } from "node:child_process";

/**
 * Ends a child started with `detached: true` together with everything in its process group: SIGTERM
 * first, then SIGKILL if the group is still there after `graceMs`. Resolves once the child has exited.
 *
 * Prism can take seconds to exit on SIGTERM and may fork workers, so killing only the child's pid
 * would leave servers running after the tests.
 */
export async function killProcessGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const first = await Promise.race([exited.then(() => "exited" as const), timedOut]);
  clearTimeout(timer);
  // Even when the leader exited, a forked worker may linger in the group: always finish with SIGKILL.
  signalGroup(pid, "SIGKILL");
  if (first === "timeout") await exited;
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** True while any process of the group `pgid` is alive. */
export function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we want.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
