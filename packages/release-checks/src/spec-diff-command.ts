import { parseArgs } from "node:util";
import { renderReport } from "./report.js";
import { runSpecDiff } from "./spec-diff.js";

/** What the command prints and the exit code it ends with. */
export interface CommandOutcome {
  /** 0: the edit may go in; 1: a rule is broken; 2: the comparison could not be made. */
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command's help text. */
export const usage = `Usage: pnpm spec:diff [--base <git-ref>] [--spec <path>]

Compares the spec with its version at the base and fails when
  - a change breaks client users and the changesets added since the base do not bump
    @gong-flows/client by a major version (minor while it is 0.x), or
  - the spec changed and no changeset added since the base releases @gong-flows/client, or
  - a published package's API report (packages/*/review/*.api.md) changed or was removed and no
    changeset added since the base releases that package.

  --base <git-ref>  what to compare with. Default: the latest release tag @gong-flows/client@*,
                    else the merge base of HEAD with origin/main (or main).
  --spec <path>     the spec, relative to the repository root. Default: spec/openapi.yaml.`;

/**
 * `spec:diff` as a function of its arguments and working directory, so that tests run it in-process;
 * `spec-diff-cli.ts` only prints the outcome and sets the exit code.
 */
export async function specDiffCommand(args: readonly string[], cwd: string): Promise<CommandOutcome> {
  let values: { base?: string | undefined; spec?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { base: { type: "string" }, spec: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { code: 2, stdout: "", stderr: `${(error as Error).message}\n\n${usage}\n` };
  }
  if (values.help) return { code: 0, stdout: `${usage}\n`, stderr: "" };
  try {
    const result = await runSpecDiff({ cwd, base: values.base, ...(values.spec ? { specPath: values.spec } : {}) });
    return { code: result.failures.length === 0 ? 0 : 1, stdout: `${renderReport(result)}\n`, stderr: "" };
  } catch (error) {
    return { code: 2, stdout: "", stderr: `spec:diff could not compare the spec: ${(error as Error).message}\n` };
  }
}
