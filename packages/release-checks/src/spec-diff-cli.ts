#!/usr/bin/env node
/**
 * `pnpm spec:diff [--base <git-ref>]`: the breaking-change gate on spec edits (see
 * `spec-diff-command.ts`). Exit code 0 when the edit may go in, 1 when a rule is broken, 2 when the
 * comparison itself could not be made.
 */
import { specDiffCommand } from "./spec-diff-command.js";

const outcome = await specDiffCommand(process.argv.slice(2), process.cwd());
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
