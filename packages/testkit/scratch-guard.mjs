#!/usr/bin/env node
// Removes a scratch folder when the process that made it is gone, however it went.
//
// Usage (by scratchDir in src/scratch-dir.ts): node scratch-guard.mjs <folder>
// Its stdin is a pipe from the parent, never written to: when the parent exits, is killed by a
// signal (turbo stopping a task, a timeout, SIGKILL), the kernel closes the pipe, and the guard
// removes the folder. A parent that cleans up itself closes the pipe too, and the guard finds
// nothing left to remove.
import { rmSync } from "node:fs";

const [folder] = process.argv.slice(2);
if (!folder) process.exit(2);
const remove = () => {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  } finally {
    process.exit(0);
  }
};
// The parent's process group may be signalled as a whole (Ctrl-C): stay, and clean up once it is gone.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => {});
process.stdin.resume();
process.stdin.once("end", remove);
process.stdin.once("error", remove);
