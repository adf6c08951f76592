import type { Note, Violation } from "../report/violation.js";

/**
 * How a check ended. `reported`: it ran, and what the target did is told rather than judged (a live
 * server and one of the project's own decisions, outside `--strict`).
 */
export type Verdict = "passed" | "failed" | "skipped" | "reported";

/** A property-based check's failing input, as fast-check found it. */
export interface Counterexample {
  /** The input, as JSON (cut to a readable length). */
  input: string;
  /** The run's seed: `--seed <seed>` sends the same inputs again. */
  seed: number;
  /** fast-check's path to the counterexample (`fc.assert(…, { seed, path })` replays it alone). */
  path: string;
  /** True when it was shrunk to a smallest failing input; false on a live target, which is not shrunk. */
  shrunk: boolean;
  /** Runs before the failure. */
  runs: number;
}

/** What one check case found. */
export interface CaseOutcome {
  verdict: Verdict;
  violations: Violation[];
  notes: Note[];
  /** Why it was skipped, or what the server did (reported). */
  reason?: string | undefined;
  counterexample?: Counterexample | undefined;
}

/** The outcome of a case, timed. */
export interface CaseResult extends CaseOutcome {
  /** The case, in words: `forced 429 from the example`. */
  name: string;
  /** How long the case took, in milliseconds. */
  durationMs: number;
}

/** One check of a group: a name for reports, and how to run it. */
export interface CheckCase {
  name: string;
  run(): Promise<CaseOutcome>;
}

/** A group of checks, reported on one line of its own: `negative data is rejected`. */
export interface CheckGroup {
  /** Short and stable: `spec`, `responses`, `negative-data`, `positive-data`, `client`, `live-writes`. */
  id: string;
  /** What holds when the group passes, for reports. */
  title: string;
  cases: CheckCase[];
}

/** The outcome of checks that found `violations` and `notes`: failed when there is any violation. */
export function outcomeOf(found: { violations: Violation[]; notes: Note[] }): CaseOutcome {
  return {
    verdict: found.violations.length > 0 ? "failed" : "passed",
    violations: found.violations,
    notes: found.notes,
  };
}

/** A check that does not apply to this run, and why. */
export function skipped(reason: string): CaseOutcome {
  return { verdict: "skipped", violations: [], notes: [], reason };
}
