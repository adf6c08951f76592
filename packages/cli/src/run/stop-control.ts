import type { InFlight } from "./request-sender.js";
import type { StopReason } from "./stop-reason.js";

/** How a job stops: the first reason wins, no new request starts, and the signals are followed. */
export interface StopControl {
  /** Stops the job for `reason` (the first reason given is the one kept). */
  stopWith(reason: StopReason): void;
  /** False once the job is stopping: no new request starts. */
  keepGoing(): boolean;
  /** Why the job stopped, once it did. */
  readonly reason: StopReason | undefined;
  /** Aborted once the job is stopping: a request still waiting for budget is not sent. */
  readonly stopping: AbortSignal;
  /** Stops following the signals (the job is over). */
  dispose(): void;
}

/**
 * The job's stop: `signal` stops it gracefully (requests on the wire finish), `forceSignal` at once
 * (requests on the wire are abandoned, their ids unconfirmed).
 */
export function createStopControl(options: {
  readonly inFlight: ReadonlySet<InFlight>;
  readonly signal?: AbortSignal | undefined;
  readonly forceSignal?: AbortSignal | undefined;
}): StopControl {
  const { inFlight, signal, forceSignal } = options;
  const stopping = new AbortController();
  let reason: StopReason | undefined;
  const stopWith = (given: StopReason) => {
    reason ??= given;
    stopping.abort();
    // Requests still waiting for their turn have not left: hold them back (those on the wire finish),
    // except when the budget is what ran out: requests in flight have their calls reserved.
    if (given.kind === "daily-budget") return;
    for (const entry of inFlight)
      if (entry.attempts.length === 0) entry.controller.abort(new Error("the job is stopping"));
  };
  const onSignal = () => stopWith({ kind: "signal", signal: signalName(signal?.reason) });
  const onForce = () => {
    stopWith({ kind: "signal", signal: signalName(forceSignal?.reason) });
    for (const entry of inFlight) entry.controller.abort(new Error("the job was stopped at once"));
  };
  if (signal?.aborted) onSignal();
  signal?.addEventListener("abort", onSignal, { once: true });
  forceSignal?.addEventListener("abort", onForce, { once: true });
  return {
    stopWith,
    keepGoing: () => reason === undefined,
    get reason() {
      return reason;
    },
    stopping: stopping.signal,
    dispose() {
      signal?.removeEventListener("abort", onSignal);
      forceSignal?.removeEventListener("abort", onForce);
    },
  };
}

function signalName(reason: unknown): string {
  return typeof reason === "string" ? reason : reason instanceof Error ? reason.message : "a stop request";
}
