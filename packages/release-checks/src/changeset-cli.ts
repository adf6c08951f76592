#!/usr/bin/env node
/**
 * `pnpm changeset`: the changesets command line, except that where it would ask questions with no
 * terminal to answer them (a CI step, an agent, a pipe) it fails with the non-interactive way to
 * write a changeset, instead of exiting 0 having written nothing.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { asksQuestions, noTerminalMessage } from "./changeset-guard.js";

const args = process.argv.slice(2);
if (asksQuestions(args) && !(process.stdin.isTTY && process.stdout.isTTY)) {
  process.stderr.write(noTerminalMessage);
  process.exit(1);
}
// The repository's own @changesets/cli (a root dev dependency), run with this Node.
const rootManifest = fileURLToPath(new URL("../../../package.json", import.meta.url));
const changesetBin = createRequire(rootManifest).resolve("@changesets/cli/bin.js");
const child = spawn(process.execPath, [changesetBin, ...args], { stdio: "inherit" });
child.once("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
});
