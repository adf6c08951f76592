import { createRequire } from "node:module";
import { childEnv } from "./child-env.js";
import { runProcess, type ProcessOutcome } from "./run-process.js";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/**
 * Runs this workspace's `tsc -p <project>` in `cwd`. The TypeScript compiler comes from here, but
 * everything it resolves (the client's types, openapi-fetch's) comes from the consumer's own
 * `node_modules`, as it would for a user.
 */
export function compileTypeScript(cwd: string, project: string): Promise<ProcessOutcome> {
  return runProcess(process.execPath, [tsc, "-p", project, "--pretty", "false"], {
    cwd,
    env: childEnv(),
    timeoutMs: 120_000,
  });
}
