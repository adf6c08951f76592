#!/usr/bin/env node
// Removes scratch folders once the process that made them is gone, however it went.
//
// Usage (by scratchDir in src/scratch-dir.ts): node scratch-guardian.mjs <temporary folder>
// Its stdin is a pipe from that process: one absolute folder path per line to remove at the end, or
// `-<path>` for one the process removed itself. When the process exits in any way — normally, on a
// signal from turbo or a test runner, even SIGKILL — the kernel closes the pipe, the guardian reads
// end-of-file and removes what is left. It runs detached, in a process group of its own, so a signal
// to the test run's group does not stop it before it has cleaned up. It only ever removes direct
// children of the temporary folder named `gong-flows-*`.
import { rmSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "/nonexistent");
const folders = new Set();
let pending = "";

const isOurs = (path) => dirname(path) === root && basename(path).startsWith("gong-flows-");

process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n")) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    if (line.startsWith("-")) folders.delete(line.slice(1));
    else if (line && isOurs(resolve(line))) folders.add(resolve(line));
  }
});

const cleanUp = () => {
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Nothing more can be done from here; the next run's folders have other names.
    }
  }
  process.exit(0);
};
process.stdin.once("end", cleanUp);
process.stdin.once("error", cleanUp);
// A Ctrl-C or turbo's stop reaches the terminal's foreground group; the guardian waits for the pipe.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => {});
