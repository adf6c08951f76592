import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The guard script, beside `src/` and `dist/` at the package root (plain JavaScript, not built). */
const guard = fileURLToPath(new URL("../scratch-guard.mjs", import.meta.url));

/** A folder under the system's temporary folder that cannot outlive the test process that made it. */
export interface ScratchDir {
  readonly path: string;
  /** Removes the folder now. Safe to call more than once. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Makes a folder `<tmpdir>/<prefix>XXXXXX` and starts a small guard process (`scratch-guard.mjs`) that
 * removes it once this process is gone — even when a teardown never runs because the test process was
 * killed (turbo stopping a failed run, a timeout, SIGKILL). Call `remove()` in the teardown as usual.
 */
export async function scratchDir(prefix: string): Promise<ScratchDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  // Its own process group, so that a Ctrl-C or a kill of the test's group does not stop it first.
  const child = spawn(process.execPath, [guard, path], { stdio: ["pipe", "ignore", "ignore"], detached: true });
  child.unref();
  // The pipe must not keep this process alive: it only has to close when this process ends.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let removed: Promise<void> | undefined;
  const remove = () => {
    removed ??= rm(path, { recursive: true, force: true, maxRetries: 3 }).finally(() => child.stdin?.end());
    return removed;
  };
  return { path, remove, [Symbol.asyncDispose]: remove };
}
