import type { Client } from "openapi-fetch";
import { withRetries, type AttemptPolicy } from "./attempts.js";
import { GongApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import type { OperationName, RequestOptions } from "./types.js";

/** What openapi-fetch resolves with. */
export interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** An openapi-fetch `request` without its path typing: the callers have typed and checked the input. */
type UntypedRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<ApiResult>;

/**
 * Makes one call through openapi-fetch, inside the retry loop: each attempt is a fresh openapi-fetch
 * call carrying that attempt's signal, so openapi-fetch's own Request and its one read of the answer
 * are all the work there is, and the per-attempt timeout covers the whole answer, body included.
 */
export function callWithRetries(
  client: Client<paths>,
  policy: AttemptPolicy,
  call: { operation: OperationName | undefined; method: string; path: string; init: Record<string, unknown>; options: RequestOptions },
): Promise<ApiResult> {
  const { operation, method, path, init, options } = call;
  const request = client.request as unknown as UntypedRequest;
  return withRetries(
    policy,
    { operation, method, path, signal: options.signal, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries },
    async (signal) => {
      try {
        return await request(method, path, { ...init, signal });
      } catch (error) {
        // openapi-fetch parses a success body as JSON; an answer that is not JSON breaks the contract.
        if (error instanceof SyntaxError) {
          throw new GongApiError(
            { status: 200, operation, endpoint: `${method} ${path}` },
            `${operation ?? `${method} ${path}`}: Gong's answer was not valid JSON (${error.message})`,
          );
        }
        throw error;
      }
    },
    (outcome) => ({ response: outcome.response, requestId: () => requestIdOf(outcome.data ?? outcome.error) }),
  );
}

/** Gong's request id in an answer body, when there is one. */
export function requestIdOf(body: unknown): string | undefined {
  const requestId = body !== null && typeof body === "object" ? (body as Record<string, unknown>)["requestId"] : undefined;
  return typeof requestId === "string" ? requestId : undefined;
}
