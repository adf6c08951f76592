import type { GongAuth, RefreshableBearerTokenAuth } from "./auth.js";
import { defaultBaseUrl } from "./base-url.js";
import { defaultOptions } from "./defaults.js";
import { readEnv } from "./env.js";
import { GongConfigurationError } from "./errors.js";
import type { GongAttemptHook } from "./attempt-hook.js";
import type { GongLogger } from "./logger.js";
import { checkKeys } from "./option-keys.js";
import { createMemoryRateLimitStore } from "./memory-rate-limit-store.js";
import type { RateLimitStore } from "./rate-limit.js";
import type { RetryDelayOptions } from "./retry-policy.js";
import type { RequestOptions } from "./types.js";

/** A `fetch` as the client calls it: one `Request` in, one `Response` out (`globalThis.fetch` fits). */
export type FetchLike = (request: Request) => Promise<Response>;

/** Options of {@link createGongFlowsClient}. Every one has a default; an unknown key is refused. */
export interface GongFlowsClientOptions {
  /**
   * Where Gong's API is. Default: the `GONG_BASE_URL` environment variable, else
   * `https://api.gong.io`. OAuth apps must use the customer-specific base URL that Gong returns with
   * the token. Must be `https:`, except for loopback hosts (local mocks and test servers).
   */
  baseUrl?: string | undefined;
  /**
   * Credentials: an access key and its secret, or a bearer token (a string, or a function returning
   * the current one). Default: `GONG_ACCESS_KEY` + `GONG_ACCESS_KEY_SECRET`, or `GONG_BEARER_TOKEN`,
   * from the environment. Both kinds at once are refused as ambiguous.
   */
  auth?: GongAuth | RefreshableBearerTokenAuth | undefined;
  /** The `fetch` to send requests with. Default: `globalThis.fetch`, looked up at each request. */
  fetch?: FetchLike | undefined;
  /** Time allowed for each attempt (request and whole answer), in ms. Default 30,000. */
  timeoutMs?: number | undefined;
  /** Retries after a 429, 500, 502, 503, 504, connection error or timeout. Default 3. */
  maxRetries?: number | undefined;
  /**
   * The longest `Retry-After` the client waits through, in ms. Default 60,000. A longer one
   * (typically Gong's daily quota) throws `GongRateLimitError` at once, with `retryAfterMs`.
   */
  maxRetryAfterMs?: number | undefined;
  /**
   * Client-side rate limit. Default `{ requestsPerSecond: 3 }`, Gong's default limit, kept by a fresh
   * in-process store per client. `store` shares the limit: one memory store between clients of a
   * process, or `@gong-flows/redis-rate-limit` between processes. `false` turns the spacing off (a
   * 429 still holds the client).
   */
  rateLimit?: { requestsPerSecond: number; store?: RateLimitStore | undefined } | false | undefined;
  /**
   * Prospect ids per list request. Default 100. A client policy, not a documented Gong limit.
   */
  listBatchSize?: number | undefined;
  /**
   * Requests of one batched call in flight at once. Default 4. The rate limit still spaces their
   * starts; concurrency only lets slow answers overlap.
   */
  batchConcurrency?: number | undefined;
  /** Backoff between retries: full jitter up to `min(maxMs, initialMs × 2^retry)`. Default 500 / 8,000 ms. */
  retryDelay?: Partial<RetryDelayOptions> | undefined;
  /** Receives structured events (no headers, no bodies). Default: none. */
  logger?: GongLogger | undefined;
  /**
   * Receives each attempt's events: `sending` right before it leaves (it can be held back there), then
   * `settled` with whether it was sent, its status and whether Gong may have acted. Default: none.
   */
  onAttempt?: GongAttemptHook | undefined;
  /**
   * Allow access-key (Basic) credentials in a browser. Default false: the secret would ship to every
   * visitor of the page.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

const optionKeys = [
  "baseUrl",
  "auth",
  "fetch",
  "timeoutMs",
  "maxRetries",
  "maxRetryAfterMs",
  "rateLimit",
  "listBatchSize",
  "batchConcurrency",
  "retryDelay",
  "logger",
  "onAttempt",
  "dangerouslyAllowBrowser",
];

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  requestsPerSecond: number | undefined;
  store: RateLimitStore;
  listBatchSize: number;
  batchConcurrency: number;
  retryDelay: RetryDelayOptions;
  logger: GongLogger | undefined;
  onAttempt: GongAttemptHook | undefined;
}

/** Applies the defaults and checks every value, so that a typo fails at construction, not mid-batch. */
export function resolveOptions(options: GongFlowsClientOptions): ResolvedOptions {
  if (typeof options !== "object" || !options)
    throw new GongConfigurationError("The options of createGongFlowsClient must be an object.");
  checkKeys(options, optionKeys, "");
  if (typeof (options.fetch ?? globalThis.fetch) !== "function")
    throw new GongConfigurationError("No fetch available: pass `fetch` to createGongFlowsClient.");
  // Without a custom fetch, globalThis.fetch is looked up at each request, not kept from creation: an
  // interceptor installed later (MSW, nock, a test's stub) still sees every request.
  const fetchImpl: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  if (options.logger !== undefined && typeof options.logger !== "function")
    throw new GongConfigurationError("logger must be a function.");
  checkHook(options.onAttempt);
  const rateLimit = options.rateLimit ?? { requestsPerSecond: defaultOptions.requestsPerSecond };
  if (rateLimit !== false) checkKeys(rateLimit, ["requestsPerSecond", "store"], "rateLimit");
  const store = (rateLimit || undefined)?.store ?? createMemoryRateLimitStore();
  if (typeof store !== "object" || typeof store.acquire !== "function" || typeof store.hold !== "function") {
    throw new GongConfigurationError("rateLimit.store must have acquire(turn) and hold(ms) methods.");
  }
  const retryDelay = options.retryDelay ?? {};
  checkKeys(retryDelay, ["initialMs", "maxMs"], "retryDelay");
  return {
    baseUrl: options.baseUrl ?? readEnv("GONG_BASE_URL") ?? defaultBaseUrl,
    fetch: fetchImpl,
    timeoutMs: checkedNumber("timeoutMs", options.timeoutMs ?? defaultOptions.timeoutMs, 0),
    maxRetries: checkedNumber("maxRetries", options.maxRetries ?? defaultOptions.maxRetries, -1, true),
    maxRetryAfterMs: checkedNumber("maxRetryAfterMs", options.maxRetryAfterMs ?? defaultOptions.maxRetryAfterMs, -1),
    requestsPerSecond: rateLimit
      ? checkedNumber("rateLimit.requestsPerSecond", rateLimit.requestsPerSecond, 0)
      : undefined,
    store,
    listBatchSize: checkedNumber("listBatchSize", options.listBatchSize ?? defaultOptions.listBatchSize, 0, true),
    batchConcurrency: checkedNumber(
      "batchConcurrency",
      options.batchConcurrency ?? defaultOptions.batchConcurrency,
      0,
      true,
    ),
    retryDelay: {
      initialMs: checkedNumber("retryDelay.initialMs", retryDelay.initialMs ?? defaultOptions.retryDelay.initialMs, -1),
      maxMs: checkedNumber("retryDelay.maxMs", retryDelay.maxMs ?? defaultOptions.retryDelay.maxMs, -1),
    },
    logger: options.logger,
    onAttempt: options.onAttempt,
  };
}

/** Checks the per-call options of a method (its second argument). */
export function checkRequestOptions(options: RequestOptions): void {
  if (typeof options !== "object" || !options)
    throw new GongConfigurationError("The options of a call must be an object.");
  checkKeys(options, ["signal", "timeoutMs", "maxRetries", "headers", "onAttempt"], "");
  checkHook(options.onAttempt);
  if (options.timeoutMs !== undefined) checkedNumber("timeoutMs", options.timeoutMs, 0);
  if (options.maxRetries !== undefined) checkedNumber("maxRetries", options.maxRetries, -1, true);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new GongConfigurationError("signal must be an AbortSignal.");
}

/** An `onAttempt` option: a function, when given. */
function checkHook(hook: unknown): void {
  if (hook !== undefined && typeof hook !== "function")
    throw new GongConfigurationError("onAttempt must be a function.");
}

/** A number option: finite, above `above`, and a whole number when `whole`; else a configuration error naming it. */
function checkedNumber(name: string, value: unknown, above: number, whole = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= above || (whole && !Number.isInteger(value))) {
    throw new GongConfigurationError(
      `${name} must be a ${whole ? "whole " : ""}number ${above < 0 ? "of 0 or more" : "above 0"}, got ${String(value)}.`,
    );
  }
  return value;
}
