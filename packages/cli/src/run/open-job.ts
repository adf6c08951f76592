import { stat } from "node:fs/promises";
import { JournalError } from "../journal/errors.js";
import { jobDifferences } from "../journal/fingerprint.js";
import type { JobState } from "../journal/job-state.js";
import type { ReplayedState } from "../journal/journal-replay.js";
import { journalHeader, openJournal, type JournalFile } from "../journal/journal-file.js";
import { journalFormat, type JournalRecord, type StartRecord } from "../journal/records.js";
import type { Strategy } from "../plan/cost.js";
import type { JobIdentity } from "./job-settings.js";
import { createRecorder, type Recorder } from "./recorder.js";

/** A job whose journal is open and replayed, with this run's start record written. */
export interface OpenedJob<S extends ReplayedState = JobState> {
  readonly state: S;
  /** Undefined for a dry run, which keeps its records in memory only. */
  readonly journal: JournalFile | undefined;
  readonly recorder: Recorder;
  /** The strategy in force: the first run's, for every resume. */
  readonly strategy: Strategy;
  readonly strategyReason: string;
  /** True when this run created the journal. */
  readonly journalIsNew: boolean;
  /** The calls of every earlier run, as the journal counts them. */
  readonly callsAtStart: S["calls"];
  readonly warnings: string[];
}

/** What {@link openJob} needs. */
export interface OpenJobOptions<S extends ReplayedState = JobState> {
  readonly identity: JobIdentity;
  /** Undefined for a dry run. */
  readonly journalPath: string | undefined;
  /** A fresh state for the job, planned with `strategy`. */
  readonly newState: (strategy: Strategy) => S;
  readonly tool: string;
  readonly now: () => number;
  readonly redact: (text: string) => string;
}

/**
 * Opens the job: replays its journal (a journal of another job is refused with a {@link JournalError}),
 * or starts a new one, and writes this run's start record. Nothing has been sent when it throws.
 */
export async function openJob<S extends ReplayedState>(options: OpenJobOptions<S>): Promise<OpenedJob<S>> {
  const { identity, journalPath } = options;
  let strategy = identity.choice.strategy;
  let strategyReason = identity.choice.reason;
  let replayed: S | undefined;
  const warnings: string[] = [];
  const journalIsNew = journalPath !== undefined && (await stat(journalPath).catch(() => undefined)) === undefined;
  let journal: JournalFile | undefined;
  if (journalPath !== undefined) {
    // The first record fixes the job; the rest is replayed into the state as it is read, never held whole.
    const onRecord = (record: JournalRecord) => {
      if (replayed === undefined) {
        strategy = checkFirstRecord(record, journalPath, identity).strategy;
        if (strategy !== identity.choice.strategy)
          strategyReason = `the strategy of the journal's first run (${strategy})`;
        replayed = options.newState(strategy);
      }
      replayed.apply(record);
    };
    const opened = await openJournal(journalPath, onRecord, { header: journalHeader });
    journal = opened.journal;
    if (opened.droppedPartialLine)
      warnings.push(`the journal's last line was cut short (the process died while writing it) and was dropped`);
  }
  const state = replayed ?? options.newState(strategy);
  const recorder = createRecorder(state, journal, options.redact);
  try {
    await recorder.write(startRecord(options, state, strategy));
  } catch (error) {
    await journal?.close();
    throw error;
  }
  return {
    state,
    journal,
    recorder,
    strategy,
    strategyReason,
    journalIsNew,
    callsAtStart: { ...state.calls },
    warnings,
  };
}

/** The journal's first record, when it starts this very job; a {@link JournalError} saying why not otherwise. */
export function checkFirstRecord(record: JournalRecord, path: string, identity: JobIdentity): StartRecord {
  if (record.type !== "start" || record.format !== journalFormat) {
    throw new JournalError(`${path} is not a gong-flows journal of format ${journalFormat}; use another --journal`);
  }
  if (record.fingerprint !== identity.fingerprint) {
    const differences = jobDifferences(record.job, identity.job);
    throw new JournalError(
      `${path} was written for a different job, so it cannot be resumed by this one:\n` +
        (differences.length > 0 ? differences : ["the job description differs"]).map((d) => `  - ${d}`).join("\n") +
        "\nRun the original command to resume that job, or give this one its own --journal (or --report, which the journal sits beside).",
    );
  }
  return record;
}

function startRecord<S extends ReplayedState>(options: OpenJobOptions<S>, state: S, strategy: Strategy): StartRecord {
  return {
    type: "start",
    format: journalFormat,
    at: new Date(options.now()).toISOString(),
    run: state.runsStarted + 1,
    tool: options.tool,
    fingerprint: options.identity.fingerprint,
    job: options.identity.job,
    strategy,
  };
}
