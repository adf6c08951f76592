import type { JournalReplay } from "../journal/journal-replay.js";

/** What every job's report says of the run beyond the job's state. */
export interface RunReportMeta<Calls> {
  readonly tool: string;
  readonly dryRun: boolean;
  readonly journal: string | undefined;
  readonly verified: boolean;
  readonly callsAtStart: Calls;
  readonly exitCode: number;
  readonly stoppedBecause?: string | undefined;
  readonly resumeCommand?: string | undefined;
  readonly finishedAt: string;
}

type ReplayedRuns = Pick<JournalReplay, "runsStarted" | "firstStartedAt">;

/** The journal and the runs of it, in the words of every job's report. */
export function reportRuns(state: ReplayedRuns, meta: Pick<RunReportMeta<unknown>, "journal" | "finishedAt">) {
  return {
    journal: meta.journal,
    runs: state.runsStarted,
    startedAt: state.firstStartedAt,
    finishedAt: meta.finishedAt,
  };
}

/** The calls this run made: each count less the one the run started with (in the order of `calls`). */
export function callsSince<K extends string>(
  calls: Readonly<Record<K, number>>,
  atStart: Readonly<Record<K, number>>,
): Record<K, number> {
  const since: Partial<Record<K, number>> = {};
  for (const key of Object.keys(calls) as K[]) since[key] = calls[key] - atStart[key];
  return since as Record<K, number>;
}

/** How every job's report ends: the verification, Gong's request ids, the exit code and the stop. */
export function reportEnding<Verify>(
  state: Pick<JournalReplay, "requestIds">,
  meta: RunReportMeta<unknown> & { readonly verify: Verify },
) {
  return {
    verify: meta.verify,
    verified: meta.verified,
    requestIds: [...state.requestIds],
    exitCode: meta.exitCode,
    ...(meta.stoppedBecause === undefined ? {} : { stoppedBecause: meta.stoppedBecause }),
    ...(meta.resumeCommand === undefined ? {} : { resumeCommand: meta.resumeCommand }),
  };
}
