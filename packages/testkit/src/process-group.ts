import { spawn, type ChildProcess, type SpawnOptions, type StdioOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The watchdog script, beside `src/` and `dist/` at the package root (plain JavaScript, not built). */
const watchdog = fileURLToPath(new URL("../watchdog.mjs", import.meta.url));

/**
 * Starts a command in a process group of its own, so that {@link killProcessGroup} ends it together
 * with everything it forks (npm scripts, a server's workers, a browser's helpers).
 *
 * Nothing it starts can outlive the calling process: the group's leader is a small watchdog
 * (`watchdog.mjs`) that runs the command and kills the group as soon as the caller's end of a pipe
 * closes, which the kernel does however the caller dies — even killed by a signal mid-test, before
 * any teardown. The returned process is the watchdog's: its output is the command's, its exit code
 * the command's. Its stdin is that pipe, so `options.stdio[0]` is ignored.
 */
export function spawnInGroup(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, "detached"> = {},
): ChildProcess {
  const stdio = (
    Array.isArray(options.stdio) ? options.stdio : [options.stdio, options.stdio, options.stdio]
  ) as StdioOptions[];
  return spawn(process.execPath, [watchdog, command, ...args], {
    ...options,
    stdio: ["pipe", stdio[1] ?? "pipe", stdio[2] ?? "pipe"] as never,
    detached: true,
  });
}

/**
 * Ends a child started by {@link spawnInGroup} (or with `detached: true`) together with everything in
 * its process group: SIGTERM first, then SIGKILL if the group is still there after `graceMs`. Resolves
 * once the whole group has gone.
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
  // The leader has exited; give the kernel a moment to reap the rest of the group.
  for (let waited = 0; processGroupAlive(pid) && waited < 2_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
