import { AsyncLocalStorage } from "node:async_hooks";
import {
  createGongFlowsClient,
  GongAbortError,
  GongError,
  GongTimeoutError,
  GongValidationError,
  type GongAuth,
  type GongFlowsClient,
} from "@gong-flows/client";
import type { OperationSpec } from "@gong-flows/spec-reader";
import type { ObservedResponse, RecordedExchange, RequestShape } from "./exchange.js";
import { withParameters } from "./path-template.js";

/** How the suite reaches its target. */
export interface TransportOptions {
  baseUrl: string;
  /** The credentials; undefined lets the client read them from the environment, as a user's code does. */
  auth: GongAuth | undefined;
  /** Time allowed for one request and its whole answer. */
  timeoutMs: number;
  /** Spacing of every request of the run (the client's own rate limiter); undefined for none. */
  requestsPerSecond: number | undefined;
  /** Whether a request to this URL may leave; a refused one fails like a network error. */
  mayForward(url: URL): boolean;
  /** Self-tests only: rewrites each request before it is recorded, as a broken client would send it. */
  tamper?: ((request: Request) => Request | Promise<Request>) | undefined;
}

/** What a call ended with. */
export type Outcome<T> = { kind: "result"; value: T } | { kind: "error"; error: unknown };

/** A recorded stretch of work: the requests it made, in order. */
export interface ScopeOptions {
  /** Reshapes every request of the scope (a negative case). */
  shape?: RequestShape | undefined;
  /** A Prism `Prefer` header added to every request of the scope, forcing the answer. */
  prefer?: string | undefined;
  /** Overrides the transport's rule of which requests may leave (`() => false`: none). */
  mayForward?: ((url: URL) => boolean) | undefined;
  /** The path template of the operation a shaped request is for (where its parameters go). */
  pathTemplate?: string | undefined;
}

/** The outcome of one deliberate request: its answer, or why there was none. */
export type SendOutcome =
  | { responded: true; response: ObservedResponse; exchange: RecordedExchange }
  | { responded: false; failure: string };

/**
 * How the suite reaches its target: one client of the run, beneath it a `fetch` that records and
 * reshapes each request (why: docs/design/contract-suite.md, one transport).
 */
export interface Transport {
  /** The run's client: no retries (each answer must reach the check as it is), the run's pace. */
  readonly client: GongFlowsClient;
  /** The base URL as the client normalized it. */
  readonly baseUrl: string;
  /** Runs `call`, recording every request it makes. */
  record<T>(
    options: ScopeOptions,
    call: (client: GongFlowsClient) => Promise<T>,
  ): Promise<{ outcome: Outcome<T>; exchanges: RecordedExchange[] }>;
  /**
   * Sends one request to an operation, shaped as given, and reads the whole answer. `placeholderBody`
   * is what the client is asked to send (a valid body, which the client checks); the shape replaces it
   * on the wire. `deadlineMs` waits less than the run's timeout (an answer known not to come).
   */
  send(operation: OperationSpec, shape: RequestShape, options: SendOptions): Promise<SendOutcome>;
}

/** Options of {@link Transport.send}. */
export interface SendOptions {
  placeholderBody: unknown;
  /** Valid parameters the client is asked to send (it checks them); the shape's replace them on the wire. */
  placeholderParameters?: Pick<RequestShape, "query" | "path"> | undefined;
  prefer?: string | undefined;
  deadlineMs?: number | undefined;
}

interface Scope {
  readonly options: ScopeOptions;
  readonly exchanges: RecordedExchange[];
}

/** Statuses whose answers have no body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * Creates the transport and its client.
 *
 * @throws `GongConfigurationError` from the client when the base URL, the credentials or a number
 *   is not acceptable.
 */
export function createTransport(options: TransportOptions): Transport {
  const scopes = new AsyncLocalStorage<Scope>();
  const makeClient = () =>
    createGongFlowsClient({
      baseUrl: options.baseUrl,
      auth: options.auth,
      fetch: (request: Request) => recordingFetch(options, scopes.getStore(), request),
      maxRetries: 0,
      timeoutMs: options.timeoutMs,
      rateLimit: options.requestsPerSecond === undefined ? false : { requestsPerSecond: options.requestsPerSecond },
    });
  const client = makeClient();

  const record: Transport["record"] = async (scopeOptions, call) => {
    // A forced response (Prism's `Prefer`) gets a client of its own: a forced 429 would otherwise hold
    // the run's client for its made-up Retry-After. Forcing happens on mocks only, which are not paced.
    const caller = scopeOptions.prefer ? makeClient() : client;
    const scope: Scope = { options: scopeOptions, exchanges: [] };
    const outcome = await scopes.run(scope, () => outcomeOf(call(caller)));
    return { outcome, exchanges: scope.exchanges };
  };

  const send: Transport["send"] = async (operation, shape, sendOptions) => {
    const { placeholderBody, placeholderParameters, prefer, deadlineMs } = sendOptions;
    const signal = deadlineMs === undefined ? undefined : AbortSignal.timeout(deadlineMs);
    const scopeOptions = { shape, prefer, pathTemplate: operation.path };
    const { outcome, exchanges } = await record(scopeOptions, (caller) =>
      sendThrough(caller, operation, { body: placeholderBody, params: placeholderParameters ?? {} }, signal),
    );
    const last = exchanges[exchanges.length - 1];
    if (last?.response) return { responded: true, response: last.response, exchange: last };
    const error = outcome.kind === "error" ? outcome.error : undefined;
    return { responded: false, failure: describeNoResponse(error, options.timeoutMs, deadlineMs) };
  };

  return { client, baseUrl: client.baseUrl, record, send };
}

/** The result of a call, or what it threw. */
async function outcomeOf<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { kind: "result", value: await call };
  } catch (error) {
    return { kind: "error", error };
  }
}

/** The client's `fetch`: reshapes the request as the scope says, records it, forwards it if allowed. */
async function recordingFetch(
  options: TransportOptions,
  scope: Scope | undefined,
  original: Request,
): Promise<Response> {
  if (!scope) throw new Error("contract suite: a request left outside a recorded scope");
  const request = options.tamper ? await options.tamper(original) : original;
  const recorded = await reshaped(request, scope.options);
  scope.exchanges.push(recorded);
  const mayForward = scope.options.mayForward ?? options.mayForward;
  if (!mayForward(recorded.url)) {
    throw new TypeError(`not forwarded: ${request.method} ${recorded.url.pathname} is not allowed on this target`);
  }
  const response = await globalThis.fetch(recorded.url, {
    method: request.method,
    headers: recorded.headers,
    body: request.method === "GET" || request.method === "HEAD" ? null : recorded.bodyText,
    signal: request.signal,
    // A redirect is a response the contract must account for, not something to follow.
    redirect: "manual",
  });
  const text = await response.text();
  recorded.response = { status: response.status, headers: response.headers, bodyText: text };
  return new Response(nullBodyStatuses.has(response.status) ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** The request as it will leave: the scope's shape and `Prefer` header applied, not yet answered. */
async function reshaped(request: Request, { shape, prefer, pathTemplate }: ScopeOptions): Promise<RecordedExchange> {
  const headers = new Headers(request.headers);
  let bodyText = request.body === null ? "" : await request.clone().text();
  if (shape?.bodyText !== undefined) bodyText = shape.bodyText;
  if (shape?.contentType !== undefined) headers.set("content-type", shape.contentType);
  if (shape?.authorization === null) headers.delete("authorization");
  else if (shape?.authorization !== undefined) headers.set("authorization", shape.authorization);
  if (prefer) headers.set("prefer", prefer);
  let url = new URL(request.url);
  if (pathTemplate !== undefined && (shape?.query !== undefined || shape?.path !== undefined))
    url = withParameters(url, pathTemplate, shape.query ?? {}, shape.path ?? {});
  return { method: request.method, url, headers, bodyText, response: undefined };
}

/**
 * A request of any operation of the spec through the client's `raw`, which runs it through the
 * client's rate limiter, timeout and error handling. The suite's requests are untyped by nature (it
 * reads any copy of the spec, and sends broken requests on purpose), hence the untyped view of `raw`.
 */
async function sendThrough(
  client: GongFlowsClient,
  operation: OperationSpec,
  init: { body: unknown; params: { query?: unknown; path?: unknown } },
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const request: (
    method: string,
    path: string,
    init: { body?: unknown; params: { query?: unknown; path?: unknown }; signal?: AbortSignal | undefined },
  ) => Promise<unknown> = client.raw.request as never;
  return request(operation.method, operation.path, { ...init, signal });
}

/** Why a request got no response, in the words of the client's error. */
function describeNoResponse(error: unknown, timeoutMs: number, deadlineMs: number | undefined): string {
  if (error instanceof GongTimeoutError) return `no answer within ${timeoutMs} ms`;
  if (error instanceof GongAbortError && deadlineMs !== undefined) return `no answer within ${deadlineMs} ms`;
  if (error instanceof GongValidationError) {
    return `not sent: @gong-flows/client refuses the spec's own valid request body (${error.message}); is the spec given with --spec another version of the API?`;
  }
  if (error instanceof GongError) return `no answer (${error.message})`;
  return `no answer (${error instanceof Error ? error.message : String(error)})`;
}
