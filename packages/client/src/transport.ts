import { withRetries, type AttemptPolicy } from "./attempts.js";
import { GongValidationError } from "./errors.js";
import { operationsByRoute } from "./generated/operations.js";
import type { OperationName } from "./types.js";
import { requestBodyIssues } from "./validate.js";

/** A `fetch` as openapi-fetch calls it: one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Statuses whose answers must not have a body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** The operation a request is for, from its method and its path below the base URL. */
export function operationOf(method: string, path: string): OperationName | undefined {
  return (operationsByRoute as Record<string, { operationId: OperationName } | undefined>)[`${method} ${path}`]?.operationId;
}

/**
 * Builds the `fetch` of the client's `raw` openapi-fetch client, so that calls through `raw` get the
 * same treatment as the methods: the Authorization header, validation of the body against the
 * operation's request schema, the rate limiter, per-attempt timeouts and retries.
 *
 * openapi-fetch hands over a finished `Request`, whose body can be read once, so the body is read
 * into memory first and every attempt sends a new `Request` with the same bytes. Each answer is read
 * whole within its attempt, so that the timeout covers a body that never ends. (The methods do not
 * go through here: they give openapi-fetch each attempt's signal directly, which costs less.)
 */
export function createRawTransport(config: {
  baseUrl: string;
  fetch: FetchLike;
  authorization: string;
  policy: AttemptPolicy;
}): FetchLike {
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, "");

  return async function send(request: Request): Promise<Response> {
    const { method } = request;
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const operation = operationOf(method, path);

    const body = request.body === null ? undefined : await request.arrayBuffer();
    if (operation && body !== undefined) validateBody(operation, body);
    const headers = new Headers(request.headers);
    headers.set("authorization", config.authorization);

    return withRetries(
      config.policy,
      { operation, method, path, signal: request.signal },
      async (signal) => {
        const sent = await config.fetch(new Request(url, { method, headers, body: body ?? null, signal, redirect: request.redirect }));
        const bytes = nullBodyStatuses.has(sent.status) ? null : await sent.arrayBuffer();
        return new Response(bytes, { status: sent.status, statusText: sent.statusText, headers: sent.headers });
      },
      (response) => ({ response, requestId: () => requestIdIn(response) }),
    );
  };
}

/** Validates a body sent through `raw` against its operation's schema, before anything is sent. */
function validateBody(operation: OperationName, body: ArrayBuffer): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new GongValidationError([{ path: "", message: "is not valid JSON" }], { operation });
  }
  const issues = requestBodyIssues(operation, parsed);
  if (issues.length > 0) throw new GongValidationError(issues, { operation });
}

/** Gong's request id from an answer's JSON body, for log events; undefined when there is none. */
async function requestIdIn(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    const requestId = (body as { requestId?: unknown } | null)?.requestId;
    return typeof requestId === "string" ? requestId : undefined;
  } catch {
    return undefined;
  }
}
