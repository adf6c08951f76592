import { rm } from "node:fs/promises";
import type { JournalFile } from "../journal/journal-file.js";
import type { Recorder } from "./recorder.js";
import { describeStop, type StopReason } from "./stop-reason.js";

/** A run's exit code (see `UnassignJobResult.exitCode`). */
export type ExitCode = 0 | 1 | 2 | 3 | 4;

/**
 * The exit code a run comes to: its stop, if any, decides; otherwise a dry run is done, and a real
 * one is done when `complete()` (the job's own outcome mapping) says every planned item came out right.
 */
export function jobExitCode(run: {
  readonly stop: StopReason | undefined;
  /** Whether this run sent a write. */
  readonly wroteThisRun: boolean;
  readonly dryRun: boolean;
  readonly complete: () => boolean;
}): ExitCode {
  const { stop } = run;
  if (stop !== undefined) {
    if (stop.kind === "declined") return 4;
    return stop.kind === "credentials" && !run.wroteThisRun ? 2 : 3;
  }
  if (run.dryRun) return 0;
  return run.complete() ? 0 : 1;
}

/** What {@link finishJob} needs. */
export interface FinishOptions<Report> {
  readonly exitCode: ExitCode;
  readonly stop: StopReason | undefined;
  /** Whether the run leaves nothing behind: no report, and its new journal removed. */
  readonly leaveNothing: boolean;
  readonly journal: JournalFile | undefined;
  readonly recorder: Recorder;
  readonly now: () => number;
  readonly redact: (text: string) => string;
  /** The report for an exit code and a stop sentence. */
  readonly reportOf: (exitCode: ExitCode, stoppedBecause: string | undefined) => Report;
  /** Writes the report's files and returns their paths (none when no report is asked for). */
  readonly writeReport: (report: Report) => Promise<string[]>;
}

/** How a run ended, once its report and journal are written. */
export interface FinishedJob<Report> {
  readonly exitCode: ExitCode;
  readonly stoppedBecause: string | undefined;
  readonly report: Report;
  readonly reportFiles: string[];
}

/**
 * Finishes a run: writes the report, then the journal's end record, and closes the journal. When
 * either cannot be written the run is stopped (exit 3): the journal holds what was done, and the same
 * command writes the report.
 */
export async function finishJob<Report>(options: FinishOptions<Report>): Promise<FinishedJob<Report>> {
  const { stop, recorder, redact } = options;
  let exitCode = options.exitCode;
  let stoppedBecause = stop === undefined ? undefined : redact(describeStop(stop, options.now()));
  let report = options.reportOf(exitCode, stoppedBecause);
  let reportFiles: string[] = [];
  try {
    if (options.leaveNothing) await discardJournal(options.journal);
    else {
      try {
        reportFiles = await options.writeReport(report);
        const reason = stoppedBecause === undefined ? {} : { reason: stoppedBecause };
        await recorder.write({ type: "end", at: new Date(options.now()).toISOString(), exitCode, ...reason });
      } catch (error) {
        exitCode = 3;
        stoppedBecause = redact(
          `the report or the journal could not be written (${error instanceof Error ? error.message : String(error)}); the journal holds what was done: run the same command again to finish`,
        );
        report = options.reportOf(exitCode, stoppedBecause);
      }
    }
  } finally {
    await options.journal?.close();
  }
  return { exitCode, stoppedBecause, report, reportFiles };
}

/** Closes the journal this run created and removes it (its lock goes with the close). */
async function discardJournal(journal: JournalFile | undefined): Promise<void> {
  if (journal === undefined) return;
  await journal.close();
  await rm(journal.path, { force: true });
}
