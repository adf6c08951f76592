import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The guardian script, beside `src/` and `dist/` at the package root (plain JavaScript, not built). */
const guardianScript = fileURLToPath(new URL("../scratch-guardian.mjs", import.meta.url));

/** A folder of the system's temporary folder that this process made, and that will not outlive it. */
export interface ScratchDir {
  /** Its absolute path: `<os.tmpdir()>/gong-flows-<label>-<random>`. */
  readonly path: string;
  /** Deletes the folder and everything in it. Safe to call more than once. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

let guardian: ChildProcess | undefined;

/**
 * The one guardian of this process, started on first use: a detached process that removes every
 * folder registered with it when this process exits, however it exits (see `scratch-guardian.mjs`).
 */
function guardianInput(): NonNullable<ChildProcess["stdin"]> {
  if (!guardian?.stdin || guardian.stdin.destroyed) {
    guardian = spawn(process.execPath, [guardianScript, tmpdir()], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    // Neither the guardian nor the open pipe may keep this process alive: the pipe closing, when this
    // process ends, is the guardian's signal.
    guardian.unref();
    (guardian.stdin as Socket).unref();
    guardian.stdin?.on("error", () => {});
  }
  return guardian.stdin!;
}

function tell(line: string): Promise<void> {
  const input = guardianInput();
  // Waits until the line is handed to the pipe, so that a kill right after cannot lose it.
  return new Promise((resolve) => input.write(`${line}\n`, () => resolve()));
}

/**
 * Makes a scratch folder under the system's temporary folder, named `gong-flows-<label>-<random>`.
 * It is removed by {@link ScratchDir.remove} (call it in a `finally` or teardown hook) and, should this
 * process end first — a failed test, turbo stopping the task, a kill — by a guardian process that
 * outlives it. So a test run leaves nothing in the temporary folder, whatever happens to it.
 *
 * @example
 * ```ts
 * await using dir = await scratchDir("spec-lint");
 * await writeFile(join(dir.path, "openapi.yaml"), text);
 * ```
 */
export async function scratchDir(label: string): Promise<ScratchDir> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(label)) throw new Error(`scratchDir: label must be lower-case letters, digits and dashes, got ${JSON.stringify(label)}`);
  const path = join(tmpdir(), `gong-flows-${label}-${randomUUID().slice(0, 8)}`);
  // Registered before it exists, so that no moment remains where it could be left behind.
  await tell(path);
  await mkdir(path, { mode: 0o700 });
  let removed: Promise<void> | undefined;
  const remove = () => {
    removed ??= rm(path, { recursive: true, force: true }).then(() => tell(`-${path}`));
    return removed;
  };
  return { path, remove, [Symbol.asyncDispose]: remove };
}
