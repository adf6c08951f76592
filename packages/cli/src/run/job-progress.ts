import type { GongLogEvent } from "@gong-flows/client";
import type { JobPhase } from "./job-actions.js";
import type { JobProgress } from "./job-options.js";

/** The 429 holds the client reports, for the progress view to count down. */
export interface HoldWatch {
  /** The client's logger events; a `rate-limited` one starts (or extends) a hold. */
  onClientEvent(event: GongLogEvent): void;
  /** Until when (epoch ms) a hold stops every call, while one does. */
  holdingUntil(): number | undefined;
}

export function watchHolds(now: () => number): HoldWatch {
  let holdUntil: number | undefined;
  return {
    onClientEvent(event) {
      if (event.type === "rate-limited") holdUntil = Math.max(holdUntil ?? 0, now() + event.holdMs);
    },
    holdingUntil: () => (holdUntil !== undefined && holdUntil > now() ? holdUntil : undefined),
  };
}

/** The job's progress reports: counts per phase, the calls of this run, and any hold or wait under way. */
export interface ProgressReporter {
  /** Reports the phase's counts. */
  report(phase: JobPhase, done: number, total: number): void;
  /** Notes a wait for requests Gong may still be working on (undefined: it ended). */
  waitUntil(until: number | undefined): void;
}

export function createProgressReporter(deps: {
  readonly holds: HoldWatch;
  /** Calls made by this run so far. */
  readonly callsThisRun: () => number;
  readonly onProgress: ((progress: JobProgress) => void) | undefined;
}): ProgressReporter {
  let waitingUntil: number | undefined;
  return {
    report(phase, done, total) {
      const waiting = waitingUntil === undefined ? {} : { waitingUntil };
      const calls = deps.callsThisRun();
      deps.onProgress?.({ phase, done, total, calls, holdUntil: deps.holds.holdingUntil(), ...waiting });
    },
    waitUntil(until) {
      waitingUntil = until;
    },
  };
}
