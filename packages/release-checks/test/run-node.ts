import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * Node's arguments that run this package's TypeScript command lines, as its `pnpm` scripts do: tsx's
 * loader, not its command line, which keeps a folder for its own messages in the system's temporary
 * folder (and leaves it there).
 */
export const tsxLoader = ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] as const;

/** How a command line ended and what it printed. */
export interface NodeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs this Node with `args` and resolves with the exit code and output whether it succeeds or not;
 * rejects only when the process could not run at all.
 */
export async function runNode(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<NodeRun> {
  try {
    // tsx keeps a transform cache in the system's temporary folder unless told not to: a test run
    // leaves nothing there.
    const env = { ...(options.env ?? process.env), TSX_DISABLE_CACHE: "1" };
    const { stdout, stderr } = await execFileAsync(process.execPath, [...args], { ...options, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}
