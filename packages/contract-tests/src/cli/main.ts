#!/usr/bin/env node
// gong-flows-contract: the contract suite as a command (`npx @gong-flows/contract-tests`).
import { run } from "./run-command.js";

const controller = new AbortController();
// Ctrl-C or a CI job's cancellation: stop between checks, stop Prism with every process it started,
// then exit with the conventional code of the signal.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    process.exitCode = code;
    controller.abort(new Error(`stopped by ${signal}`));
  });
}
const code = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted ? process.exitCode : code;
