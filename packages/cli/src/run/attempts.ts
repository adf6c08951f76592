import type { GongAttemptHook } from "@gong-flows/client";

/** What one HTTP attempt of a request that left came to, as the client's attempt events report it. */
export interface AttemptTrace {
  /** The response's status, or undefined while none has arrived (or when none arrived). */
  status: number | undefined;
  /** The client's verdict; true while the attempt is in flight (its outcome is not known yet). */
  mayHaveActed: boolean;
}

/** What the job does as an attempt of one of its requests leaves. */
export interface AttemptWatch {
  /** Every attempt that left, in order. */
  readonly attempts: AttemptTrace[];
  /** False keeps an attempt from leaving (the job is stopping). */
  readonly mayLeave: () => boolean;
  /** Records an attempt about to leave (journal, budget); may throw, and then the attempt does not leave. */
  readonly left: () => void;
}

/**
 * The client's `onAttempt` hook for one request: records each attempt as it leaves, holds it back when
 * it may not leave (or cannot be recorded), and keeps the client's outcome of each attempt that left.
 * `failure()` is what recording threw, if anything: the call's real error then.
 */
export function watchAttempts(watch: AttemptWatch): {
  onAttempt: GongAttemptHook;
  failure: () => { error: unknown } | undefined;
} {
  let failure: { error: unknown } | undefined;
  const onAttempt: GongAttemptHook = (event) => {
    if (event.type === "sending") {
      if (failure !== undefined || !watch.mayLeave()) return event.hold();
      try {
        watch.left();
      } catch (error) {
        failure = { error };
        return event.hold();
      }
      watch.attempts.push({ status: undefined, mayHaveActed: true });
      return;
    }
    const trace = watch.attempts.at(-1);
    if (event.sent && trace !== undefined)
      Object.assign(trace, { status: event.status, mayHaveActed: event.mayHaveActed });
  };
  return { onAttempt, failure: () => failure };
}

/**
 * How a request that ended without a usable response stands: whether Gong may have acted on it (the
 * client's verdict on each attempt that left), and whether its last attempt got no response at all
 * (then Gong may still be working on it).
 */
export function failureOf(attempts: readonly AttemptTrace[]): { applied: "no" | "maybe"; noResponse?: true } {
  if (!attempts.some((attempt) => attempt.mayHaveActed)) return { applied: "no" };
  return attempts.at(-1)?.status === undefined ? { applied: "maybe", noResponse: true } : { applied: "maybe" };
}

/**
 * Whether a request with a response had an earlier attempt that may have been applied: then an id the
 * final response does not return may have been removed by that earlier attempt, and is unconfirmed
 * rather than "not unassigned".
 */
export function hadAmbiguousEarlierAttempt(attempts: readonly AttemptTrace[]): boolean {
  return attempts.slice(0, -1).some((attempt) => attempt.mayHaveActed);
}
