import { constants } from "node:fs";
import { access, mkdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./exit-codes.js";

/** A file the command reads or writes, and how the user named it (`--report`, `the input`, …). */
export interface NamedPath {
  readonly what: string;
  readonly path: string;
}

/**
 * Checks every file a command reads and writes before its first call, so that nothing is sent for a job
 * whose report or journal cannot be written: no two are one file (links included), no output is or sits
 * under a non-folder, and each output's folder exists (created as `mkdir -p` would) and is writable.
 * @throws {@link UsageError} naming the path and what is wrong with it.
 */
export async function checkPaths(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): Promise<void> {
  const seen: { named: NamedPath; identity: string }[] = [];
  for (const named of [...inputs, ...outputs]) {
    const identity = await fileIdentity(named.path);
    const same = seen.find((other) => other.identity === identity);
    if (same !== undefined) {
      throw new UsageError(
        `${same.named.what} and ${named.what} name the same file (${named.path}); give each its own file`,
      );
    }
    seen.push({ named, identity });
  }
  for (const output of outputs) await checkWritable(output);
}

/** Device and inode of an existing file; the real path of its folder and its name otherwise. */
async function fileIdentity(path: string): Promise<string> {
  const found = await stat(path).catch(() => undefined);
  if (found !== undefined) return `inode:${found.dev}:${found.ino}`;
  return `path:${join(await realFolder(dirname(path)), basename(path))}`;
}

/** The real path of a folder, or of its nearest existing ancestor followed by the rest. */
async function realFolder(folder: string): Promise<string> {
  const real = await realpath(folder).catch(() => undefined);
  if (real !== undefined) return real;
  const parent = dirname(folder);
  return parent === folder ? folder : join(await realFolder(parent), basename(folder));
}

async function checkWritable({ what, path }: NamedPath): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`${what} ${path} is a folder; name a file`);
  const folder = dirname(path);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`${what} ${path}: cannot create its folder ${folder} (${reason(error)})`);
  }
  const target = existing === undefined ? folder : path;
  try {
    await access(target, constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `${what} ${path}: ${existing === undefined ? `its folder ${folder}` : "the file"} is not writable (${reason(error)})`,
    );
  }
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
