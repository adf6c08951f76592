import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { packageVersion } from "../package-root.js";
import { createConsoleReporter } from "../report/console.js";
import { junitXml } from "../report/junit.js";
import { PrismStartError, runContractSuite, TargetUnreachableError, type RunReport } from "../run/run-suite.js";
import { UsageError } from "../run/settings.js";
import { parseCommandLine } from "./command-line.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Where the command writes, and what may stop it. */
export interface CommandIo {
  /** Writes the report's text (what a terminal's standard output would get). */
  stdout(text: string): void;
  /** Writes usage errors and failures to start (what standard error would get). */
  stderr(text: string): void;
  /** Ends the run early (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

/**
 * Runs `gong-flows-contract` with these arguments and environment and resolves with its exit code:
 * 0 when every check holds, 1 on any contract violation, 2 on bad usage or configuration or when the
 * suite could not start.
 */
export async function run(argv: readonly string[], env: Env, io: CommandIo): Promise<0 | 1 | 2> {
  const commandLine = parseCommandLine(argv, env);
  if (commandLine.kind === "exit") {
    if (commandLine.stdout) io.stdout(commandLine.stdout);
    if (commandLine.stderr) io.stderr(commandLine.stderr);
    return commandLine.code;
  }
  const { settings } = commandLine;
  const reporter = createConsoleReporter(io.stdout, packageVersion);
  let report: RunReport;
  try {
    report = await runContractSuite({
      settings,
      env,
      signal: io.signal,
      onStart: (started) => reporter.header(started),
      onGroup: (group) => reporter.group(group),
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof PrismStartError || error instanceof TargetUnreachableError) {
      io.stderr(`gong-flows-contract: ${error.message}\n`);
      return 2;
    }
    if (io.signal?.aborted) {
      io.stderr(
        `gong-flows-contract: ${String(io.signal.reason instanceof Error ? io.signal.reason.message : io.signal.reason)}\n`,
      );
      return 2;
    }
    io.stderr(
      `gong-flows-contract: the suite could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  reporter.end(report);
  if (settings.junitPath !== undefined) {
    const path = resolve(settings.junitPath);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, junitXml(report));
      io.stdout(`JUnit report: ${path}\n`);
    } catch (error) {
      io.stderr(
        `gong-flows-contract: cannot write the JUnit report (${settings.sources.junit ?? "--junit"}) to ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return 2;
    }
  }
  return report.totals.failed > 0 ? 1 : 0;
}
