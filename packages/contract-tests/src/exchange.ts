import { setTimeout as delay } from "node:timers/promises";
import type { Pacer } from "./pacer.js";
import type { OperationSpec } from "./spec-operations.js";
import type { ContractTarget } from "./target.js";

/** What the suite sends: headers and the exact body text (malformed on purpose, sometimes). */
export interface OutgoingRequest {
  headers: Record<string, string>;
  bodyText: string | undefined;
}

/** An answer as the checks see it. */
export interface ObservedResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

/** The outcome of one exchange: an answer (after any 429s waited through), or no answer at all. */
type ExchangeOutcome =
  | { answered: true; response: ObservedResponse; rateLimited: ObservedResponse[] }
  | { answered: false; failure: string };

/** Retry-After values (seconds) that a live run waits through; a longer one ends the exchange. */
const maxLiveWaitSeconds = 60;
const maxLiveRateLimitedAttempts = 3;

/** Options of {@link jsonRequest}. */
export interface JsonRequestOptions {
  /** `Authorization` header: the target's own (default), another value, or `null` for none. */
  authorization?: string | null;
  /** `Content-Type` header; default `application/json`. */
  contentType?: string;
  /** A Prism `Prefer` header that forces a documented response (`code=429, dynamic=true, seed=7`). */
  prefer?: string;
}

/** Builds a request with a JSON body (given as a value, or as text that may be malformed on purpose). */
export function jsonRequest(target: ContractTarget, body: unknown, options: JsonRequestOptions = {}): OutgoingRequest {
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": options.contentType ?? "application/json",
  };
  const authorization = options.authorization === undefined ? target.authorization() : options.authorization;
  if (authorization !== null) headers["authorization"] = authorization;
  if (options.prefer) headers["prefer"] = options.prefer;
  return { headers, bodyText: typeof body === "string" ? body : JSON.stringify(body) };
}

/** The URL of an operation on the target: its base URL (path included) followed by the spec's path. */
export function operationUrl(target: ContractTarget, operation: OperationSpec): URL {
  return new URL(`${target.baseUrl}${operation.path}`);
}

/**
 * Sends one request to an operation of the target and reads the whole answer. Redirects are not
 * followed (a redirect is an answer the contract must account for). On a live target a 429 with a
 * short `Retry-After` is waited through (up to three times) so that Gong's limit does not fail the
 * run; those 429 answers are returned too, to be checked like any other.
 */
export async function exchange(
  target: ContractTarget,
  pacer: Pacer,
  operation: OperationSpec,
  request: OutgoingRequest,
): Promise<ExchangeOutcome> {
  const url = operationUrl(target, operation);
  const rateLimited: ObservedResponse[] = [];
  for (;;) {
    await pacer.wait();
    let response: ObservedResponse;
    try {
      const answer = await fetch(url, {
        method: operation.method,
        headers: request.headers,
        body: request.bodyText ?? null,
        redirect: "manual",
        signal: AbortSignal.timeout(target.requestTimeoutMs),
      });
      response = { status: answer.status, headers: answer.headers, bodyText: await answer.text() };
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? `no answer within ${target.requestTimeoutMs} ms`
          : `no answer (${describeNetworkError(error)})`;
      return { answered: false, failure: target.redact(reason) };
    }
    const waitSeconds = Number(response.headers.get("retry-after"));
    const waitThrough =
      target.kind === "live" &&
      response.status === 429 &&
      rateLimited.length < maxLiveRateLimitedAttempts - 1 &&
      Number.isInteger(waitSeconds) &&
      waitSeconds >= 0 &&
      waitSeconds <= maxLiveWaitSeconds;
    if (!waitThrough) return { answered: true, response, rateLimited };
    rateLimited.push(response);
    await delay(waitSeconds * 1000);
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
