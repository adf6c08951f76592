#!/usr/bin/env node
// gong-flows-mock: the mock of Gong's Engage-flow API as a standalone HTTP server, for tests in any
// language and for CI jobs. Prints `Gong mock listening on http://HOST:PORT` once ready; stops
// cleanly on SIGINT and SIGTERM.
import { createRequire } from "node:module";
import { gongLimits } from "@gong-flows/client";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { readDataFile } from "./data-file.js";
import { GongMockInputError } from "./issues.js";
import { startGongMock, type StartGongMockOptions } from "./server.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/** A whole number from `min` (default 0) to `max`. */
function whole(name: string, max: number, min = 0) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value > max || value < min) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

/** The longest wait a Node.js timer keeps (about 24.8 days): a longer latency would fire at once. */
const maxTimerMs = 2_147_483_647;

const program = new Command()
  .name("gong-flows-mock")
  .description(
    "A stateful mock of Gong's Engage-flow API (flows, folders, steps; assign, list and unassign prospects; bulk assignments), served over HTTP.\n" +
      "Admin routes under /_mock/: GET stats, GET flow-instances, GET catalogue, POST reset, POST seed, POST/GET/DELETE faults, GET held, POST release.",
  )
  .version(version)
  .addOption(
    new Option("--port <n>", "port to listen on (0: any free port)").default(4010).argParser(whole("--port", 65_535)),
  )
  .addOption(new Option("--host <host>", "interface to listen on").default("127.0.0.1"))
  .addOption(
    new Option(
      "--data <file>",
      'data to serve: JSON { "assignedFlows": [...], "flows": [...], "folders": [...], "steps": {...}, "crmProspects": [...] }, every key optional (default: a small built-in data set)',
    ),
  )
  .addOption(
    new Option("--rps <n>", "calls admitted per second, more get 429 (0: no limit)")
      .default(gongLimits.callsPerSecond)
      .argParser(whole("--rps", 1_000_000)),
  )
  .addOption(
    new Option("--daily-quota <n>", "calls admitted per UTC day, more get 429 (0: no quota)")
      .default(gongLimits.callsPerDay)
      .argParser(whole("--daily-quota", Number.MAX_SAFE_INTEGER)),
  )
  .addOption(
    new Option("--access-key <key>", "accept Basic credentials with this access key only (with --access-key-secret)"),
  )
  .addOption(
    new Option(
      "--access-key-secret <secret>",
      "the secret that goes with --access-key (a test secret: it is never printed)",
    ),
  )
  .addOption(
    new Option(
      "--bearer-token <token>",
      "accept this bearer token only (default: any well-formed Basic or Bearer header)",
    ),
  )
  .addOption(
    new Option("--latency-ms <n>", "added to every answer, in ms")
      .default(0)
      .argParser(whole("--latency-ms", maxTimerMs)),
  )
  .addOption(
    new Option("--page-size <n>", "flows (and folders) per page of the list operations")
      .default(100)
      .argParser(whole("--page-size", 1_000_000, 1)),
  )
  .addOption(
    new Option("--bulk-start-ms <n>", "how long a bulk assignment stays PENDING, in ms")
      .default(500)
      .argParser(whole("--bulk-start-ms", maxTimerMs)),
  )
  .addOption(
    new Option("--bulk-ms-per-prospect <n>", "how long a bulk assignment takes per prospect once started, in ms")
      .default(20)
      .argParser(whole("--bulk-ms-per-prospect", maxTimerMs)),
  )
  .addOption(
    new Option(
      "--log",
      "print a line per request on standard error: method, path, status, duration (no header, no body)",
    ),
  )
  .showHelpAfterError("(run gong-flows-mock --help for every option)")
  .exitOverride();

interface Flags {
  port: number;
  host: string;
  data?: string;
  rps: number;
  dailyQuota: number;
  accessKey?: string;
  accessKeySecret?: string;
  bearerToken?: string;
  latencyMs: number;
  pageSize: number;
  bulkStartMs: number;
  bulkMsPerProspect: number;
  log?: boolean;
}

/** The server's options from the flags (the data file is read later, where its errors are reported). */
function optionsOf(flags: Flags): StartGongMockOptions {
  return {
    port: flags.port,
    host: flags.host,
    rps: flags.rps,
    dailyQuota: flags.dailyQuota,
    latencyMs: flags.latencyMs,
    pageSize: flags.pageSize,
    bulkAssignments: { startAfterMs: flags.bulkStartMs, msPerProspect: flags.bulkMsPerProspect },
    accessKey: flags.accessKey,
    accessKeySecret: flags.accessKeySecret,
    bearerToken: flags.bearerToken,
    ...(flags.log === true ? { onResponse: logLine } : {}),
  };
}

async function main(): Promise<void> {
  try {
    program.parse();
  } catch (error) {
    // --help and --version end here with code 0; a usage error with commander's message already printed.
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
  const flags = program.opts<Flags>();
  const options = optionsOf(flags);
  try {
    if (flags.data !== undefined) Object.assign(options, await readDataFile(flags.data));
    const server = await startGongMock(options);
    // The first signal closes the server; another one (a supervisor signals the process group and the
    // process both, or a second Ctrl-C) ends it at once, with nothing more to lose: the mock keeps no state.
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(0);
      stopping = true;
      void server.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    const counts = server.mock.stats().flowInstances;
    const { flows } = server.mock.catalogue();
    // One write, so that a reader that waits for the first line has the second too.
    process.stdout.write(
      `Gong mock listening on ${server.url}\n` +
        `  ${counts.assigned} flow instance(s) in ${flows.length} flow(s) from ${flags.data ?? "the built-in data set"}; ` +
        `${flags.rps === 0 ? "no rate limit" : `${flags.rps} calls/s`}, ${flags.dailyQuota === 0 ? "no daily quota" : `${flags.dailyQuota} calls/day`}` +
        `${flags.latencyMs > 0 ? `, ${flags.latencyMs} ms latency` : ""}; admin at ${server.url}/_mock/stats\n`,
    );
  } catch (error) {
    if (error instanceof GongMockInputError) {
      // Option pointers (`/accessKey`) read better as the flags they came from.
      process.stderr.write(
        `gong-flows-mock: ${error.message.replace(/\/(accessKeySecret|accessKey|bearerToken|rps|dailyQuota|latencyMs)\b/g, (_, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)}\n`,
      );
      process.exit(2);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      process.stderr.write(`gong-flows-mock: cannot listen on ${flags.host}:${flags.port} (${code})\n`);
      process.exit(1);
    }
    // Anything else: one line, never a stack trace.
    process.stderr.write(`gong-flows-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * `--log`: one line per request, as Prism and stripe-mock print them. Only the method, the path (its
 * credentials redacted by the server), the status and the time taken — never a header or a body.
 */
function logLine({
  method,
  path,
  status,
  durationMs,
}: {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}): void {
  process.stderr.write(`${method} ${path} ${status} ${durationMs.toFixed(1)} ms\n`);
}

await main();
