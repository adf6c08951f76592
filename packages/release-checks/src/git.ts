import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** A git command that failed; `stderr` is git's own explanation. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed: ${stderr.trim() || "no output"}`);
    this.name = "GitError";
  }
}

/**
 * Runs git in `cwd` and returns its standard output, without the trailing newline unless `raw` is set
 * (file contents must come back byte for byte).
 */
export async function git(cwd: string, args: readonly string[], { raw = false } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return raw ? stdout : stdout.replace(/\n$/, "");
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new GitError(args, stderr);
  }
}

/** Like {@link git}, but answers `undefined` instead of throwing when git fails. */
export async function gitOrUndefined(
  cwd: string,
  args: readonly string[],
  options: { raw?: boolean } = {},
): Promise<string | undefined> {
  try {
    return await git(cwd, args, options);
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** The top directory of the work tree that contains `cwd`. */
export function repositoryRoot(cwd: string): Promise<string> {
  return git(cwd, ["rev-parse", "--show-toplevel"]);
}

/** The full commit id that `ref` names, or `undefined` when it names no commit. */
export function commitOf(root: string, ref: string): Promise<string | undefined> {
  // `--end-of-options` keeps a ref that starts with "-" from being read as an option.
  return gitOrUndefined(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
}

/** The content of `path` (relative to the repository root) at `commit`, or `undefined` when absent there. */
export function fileAtCommit(root: string, commit: string, path: string): Promise<string | undefined> {
  return gitOrUndefined(root, ["cat-file", "blob", `${commit}:${path}`], { raw: true });
}

/** The names of the files directly inside `dir` at `commit` (empty when the folder is absent there). */
export async function fileNamesAtCommit(root: string, commit: string, dir: string): Promise<string[]> {
  const listing = await gitOrUndefined(root, ["ls-tree", "--name-only", `${commit}:${dir}`]);
  return listing ? listing.split("\n").filter(Boolean) : [];
}
