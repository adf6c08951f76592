import type { RequestOptions } from "@gong-flows/client";
import type { OkResponseRecord, RequestRecord } from "../journal/records.js";
import { type AttemptTrace, failureOf, watchAttempts } from "./attempts.js";
import type { DailyBudget } from "./daily-budget.js";
import type { Recorder } from "./recorder.js";
import { stopFor, summarizeError, type StopReason } from "./stop-reason.js";

/** How a request of the job ended. */
export type SendOutcome =
  | { readonly status: "responded" }
  | {
      readonly status: "failed";
      readonly error: unknown;
      readonly applied: "no" | "maybe";
      readonly stop: StopReason | undefined;
    }
  /** Not sent: the daily budget has no call left today. */
  | { readonly status: "no-budget" }
  /** Not sent: the job is stopping. */
  | { readonly status: "not-sent" };

/** A request of the job in flight, so that a stop can hold back the ones that have not left yet. */
export interface InFlight {
  readonly controller: AbortController;
  readonly attempts: readonly AttemptTrace[];
}

/** What a usable response adds to the journal's response record. */
export type ResponseFields = WithoutHeader<OkResponseRecord>;

/** A record without the fields the sender fills in (each member of a union on its own). */
type WithoutHeader<R> = R extends unknown ? Omit<R, "type" | "seq" | "at"> : never;

/** Makes one request of the job and turns its response into a record; `attempts` are those that left. */
export type RequestCall = (options: RequestOptions, attempts: readonly AttemptTrace[]) => Promise<ResponseFields>;

/** Sends any request of a job under its budget and journal: the one path every operation takes. */
export interface RequestSender {
  send(request: Omit<RequestRecord, "type" | "seq">, maxRetries: number, call: RequestCall): Promise<SendOutcome>;
}

/** What the request sender needs. */
export interface RequestSenderDeps {
  readonly recorder: Recorder;
  /** The sequence number the next request takes. */
  readonly nextSeq: () => number;
  readonly budget: DailyBudget;
  readonly now: () => number;
  /** Aborted when the job stops: a request still waiting for budget is not sent. */
  readonly stopping: AbortSignal;
  /** Requests in flight; the sender adds and removes its own. */
  readonly inFlight: Set<InFlight>;
}

/**
 * Sends each request with its calls reserved in the budget, a journal record before it and one after
 * its response (or its failure, with whether Gong may have acted), and an attempt record as each
 * attempt leaves.
 */
export function createRequestSender(deps: RequestSenderDeps): RequestSender {
  const { recorder, budget } = deps;
  const iso = () => new Date(deps.now()).toISOString();
  return {
    async send(request, maxRetries, call) {
      const reservation = await budget.reserve(maxRetries, deps.stopping);
      if (reservation === undefined) return deps.stopping.aborted ? { status: "not-sent" } : { status: "no-budget" };
      const controller = new AbortController();
      const attempts: AttemptTrace[] = [];
      const entry: InFlight = { controller, attempts };
      deps.inFlight.add(entry);
      try {
        const seq = deps.nextSeq();
        // On disk before the client gets the request: whatever happens next, a resume knows of it.
        await recorder.write({ type: "request", seq, ...request });
        const watch = watchAttempts({
          attempts,
          mayLeave: () => !controller.signal.aborted,
          left: () => {
            recorder.writeNow({ type: "attempt", seq, at: iso() });
            reservation.attemptLeft();
          },
        });
        try {
          const response = await call(
            { signal: controller.signal, maxRetries: reservation.retries, onAttempt: watch.onAttempt },
            attempts,
          );
          await recorder.write({ type: "answer", seq, at: iso(), ...response });
          return { status: "responded" };
        } catch (caught) {
          // An attempt the journal could not record was held back: that failure is the call's.
          const error = watch.failure()?.error ?? caught;
          const failure = failureOf(attempts);
          await recorder.write({ type: "answer", seq, at: iso(), ok: false, ...failure, error: summarizeError(error) });
          return { status: "failed", error, applied: failure.applied, stop: stopFor(error) };
        }
      } finally {
        reservation.release();
        deps.inFlight.delete(entry);
      }
    },
  };
}
