import { childEnv } from "./child-env.js";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The first line a runtime prints for `--version`, for the matrix's table ("v22.23.3", "deno 2.9.6 (stable…)"). */
export async function runtimeVersion(binary: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = assertSucceeded(
    `${binary} --version`,
    await runProcess(binary, ["--version"], { cwd: process.cwd(), env: childEnv(env), timeoutMs: 30_000 }),
  );
  return stdout.trim().split("\n")[0] ?? "";
}
