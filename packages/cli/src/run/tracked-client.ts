import { AsyncLocalStorage } from "node:async_hooks";
import { createGongFlowsClient, type FetchLike, type GongFlowsClient, type GongFlowsClientOptions, type GongLogEvent } from "@gong-flows/client";

/** What one HTTP attempt of a request came to: its status, or undefined when no answer arrived. */
export interface AttemptTrace {
  status: number | undefined;
}

/** The request an attempt belongs to, as {@link TrackedClient.track} sets it for the client's calls. */
export interface RequestContext {
  /** Every attempt that left, in order. */
  readonly attempts: AttemptTrace[];
  /** Called as an attempt is about to leave, after the rate limiter's turn: false keeps it from leaving (the job is stopping). */
  readonly mayLeave: () => boolean;
  /** Called once an attempt has been handed to the network: records it (journal, budget). */
  readonly left: () => void;
}

/** A client whose every HTTP attempt is seen, counted and attributed to the job's request. */
export interface TrackedClient {
  readonly client: GongFlowsClient;
  /** Runs `call` with `context` as the request its attempts belong to. */
  track<T>(context: RequestContext, call: () => Promise<T>): Promise<T>;
}

/** Thrown by the tracking `fetch` when an attempt is kept from leaving. */
export class AttemptHeldBack extends Error {
  override name = "AbortError";
  constructor() {
    super("the job is stopping: this request was not sent");
  }
}

/**
 * Creates the job's client: the caller's options, with a `fetch` that sees each attempt as it leaves
 * (the one place where an attempt is known to go out: after the client's rate limiter, before the
 * network) and a logger that reports rate-limit holds. The calls' async context ties each attempt to
 * the job's request, whatever the client does in between (queueing, retries, backoff).
 */
export function createTrackedClient(options: GongFlowsClientOptions, onEvent: (event: GongLogEvent) => void): TrackedClient {
  const contexts = new AsyncLocalStorage<RequestContext>();
  const userFetch = options.fetch;
  // Looked up per call, so that a `fetch` replaced after this client was made (MSW, say) is used. Node
  // loads its fetch on first use: touched here, so that the first request does not leave late.
  void globalThis.fetch;
  const inner: FetchLike = userFetch ?? ((request) => globalThis.fetch(request));
  const tracking: FetchLike = async (request) => {
    const context = contexts.getStore();
    if (context === undefined) return inner(request);
    if (request.signal.aborted || !context.mayLeave()) throw new AttemptHeldBack();
    const trace: AttemptTrace = { status: undefined };
    context.attempts.push(trace);
    // Sent first, recorded next: nothing of the job's stands between the rate limiter's turn and the
    // network, so that requests leave as evenly spaced as the limiter granted them.
    const answer = inner(request);
    context.left();
    const response = await answer;
    trace.status = response.status;
    return response;
  };
  const userLogger = options.logger;
  const client = createGongFlowsClient({
    ...options,
    fetch: tracking,
    logger: (event) => {
      onEvent(event);
      userLogger?.(event);
    },
  });
  return {
    client,
    track: (context, call) => contexts.run(context, call),
  };
}

/**
 * True when an answer with this status means Gong did not act on the request: a 4xx says the request
 * was refused before anything was done (400 invalid, 401/403 credentials, 404 wrong URL, 429 rate
 * limit), except 408, a timeout, which says nothing about what happened.
 */
export function isNotAppliedStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 408;
}

/**
 * Whether Gong may have acted on a request that ended without a usable answer: not when no attempt
 * left, nor when every attempt was refused with a 4xx; otherwise it may have (a timeout, a dropped
 * connection, a 5xx, an answer that could not be read).
 */
export function mayHaveApplied(attempts: readonly AttemptTrace[]): boolean {
  return attempts.some((attempt) => !isNotAppliedStatus(attempt.status));
}

/**
 * How a request that ended without a usable answer stands: whether Gong may have acted on it, and
 * whether its last attempt got no response at all (then Gong may still be working on it).
 */
export function failureOf(attempts: readonly AttemptTrace[]): { applied: "no" | "maybe"; noResponse?: true } {
  if (!mayHaveApplied(attempts)) return { applied: "no" };
  return attempts.at(-1)?.status === undefined ? { applied: "maybe", noResponse: true } : { applied: "maybe" };
}

/**
 * Whether an answered request had an earlier attempt that may have been applied: then an id the
 * final answer does not return may have been removed by that earlier attempt, and is unconfirmed
 * rather than "not unassigned".
 */
export function hadAmbiguousEarlierAttempt(attempts: readonly AttemptTrace[]): boolean {
  return mayHaveApplied(attempts.slice(0, -1));
}
