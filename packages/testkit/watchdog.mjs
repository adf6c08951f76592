#!/usr/bin/env node
// Runs a command and ties its life to the process that started this watchdog.
//
// Usage (by spawnInGroup in src/process-group.ts): node watchdog.mjs <command> [args...]
// The watchdog is the leader of its own process group and starts the command inside that group. Its
// stdin is a pipe from the parent, which is never written to: when the parent dies in any way — an
// exit, a signal, even SIGKILL — the kernel closes the pipe, the watchdog reads end-of-file, and it
// kills the whole group. So a test run that is killed before its teardown cannot leave a server
// running. Otherwise it passes the command's output through and exits with its status.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("watchdog: no command given\n");
  process.exit(2);
}

const killGroup = () => {
  try {
    process.kill(-process.pid, "SIGKILL");
  } catch {
    process.exit(1);
  }
};

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
child.once("error", (error) => {
  process.stderr.write(`watchdog: could not start ${command}: ${error.message}\n`);
  process.exit(127);
});
child.once("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
  process.stdin.destroy();
});

// A signal to the group (killProcessGroup's SIGTERM) reaches the command too; the watchdog stays until
// the command has gone, so that it is the one to reap it.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));

process.stdin.resume();
process.stdin.once("end", killGroup);
process.stdin.once("error", killGroup);
