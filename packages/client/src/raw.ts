import type { Client } from "openapi-fetch";
import type { AttemptPolicy } from "./attempts.js";
import { callWithRetries } from "./call.js";
import { operationsByRoute } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { OperationName } from "./types.js";
import { assertValidRequestBody, asJsonBody } from "./validate.js";

const httpMethods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** The operation of a method and path of the spec (the path as written in the spec). */
function operationOf(method: string, path: string): OperationName | undefined {
  return operationsByRoute[`${method} ${path}`] as OperationName | undefined;
}

/**
 * The client's `raw`: an openapi-fetch client typed with the spec's `paths` whose every call gets what
 * the methods get — the body checked against the operation's request schema before anything is sent,
 * the rate limiter, per-attempt timeouts and retries — while keeping openapi-fetch's answers
 * (`{ data, error, response }`, HTTP errors returned rather than thrown). Middleware registered with
 * `use` applies to the methods' calls too: they share the one openapi-fetch client underneath.
 */
export function createRawClient(client: Client<paths>, policy: AttemptPolicy): Client<paths> {
  // async, so that a validation error rejects the returned promise like every other failure.
  const send = async (method: string, path: string, init: Record<string, unknown> = {}) => {
    const operation = operationOf(method, path);
    const { signal, ...rest } = init as { signal?: AbortSignal | null; body?: unknown };
    const checked = operation && rest.body !== undefined ? { ...rest, body: asJsonBody(rest.body) } : rest;
    if (operation && checked.body !== undefined) assertValidRequestBody(operation, checked.body);
    return callWithRetries(client, policy, { operation, method, path, init: checked, options: { signal: signal ?? undefined } });
  };
  const raw: Record<string, unknown> = {
    request: (method: string, path: string, init?: Record<string, unknown>) => send(method.toUpperCase(), path, init),
    use: client.use,
    eject: client.eject,
  };
  for (const method of httpMethods) raw[method] = (path: string, init?: Record<string, unknown>) => send(method, path, init);
  return raw as unknown as Client<paths>;
}
