#!/usr/bin/env node
import { runCli } from "./cli/program.js";

// The first SIGINT/SIGTERM stops the job gracefully (requests on the wire finish, the journal and the
// report are written); a second one stops it at once.
const stop = new AbortController();
const force = new AbortController();
const onSignal = (signal: NodeJS.Signals) => {
  if (!stop.signal.aborted) {
    process.stderr.write(
      `\ngong-flows: ${signal}: stopping after the requests on the wire (${signal} again to stop at once)\n`,
    );
    stop.abort(signal);
  } else force.abort(signal);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// A reader that goes away (`gong-flows list | head`) is no reason to die mid-job: the journal and the
// report are files, and the job finishes writing them.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

// Whatever escapes — a bug, an error thrown from a callback — ends in one line, never a stack trace,
// with the exit code of an unexpected failure.
const unexpected = (error: unknown) => {
  process.stderr.write(`gong-flows: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
};
process.on("uncaughtException", unexpected);
process.on("unhandledRejection", unexpected);

runCli(process.argv.slice(2), { stopSignal: stop.signal, forceSignal: force.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`gong-flows: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
