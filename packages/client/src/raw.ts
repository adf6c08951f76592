import type { Client } from "openapi-fetch";
import { operationsByRoute } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { okResponseChecks, type RawIssue, requestBodyChecks } from "./generated/validators.js";
import { checkCallHeaders } from "./headers.js";
import type { ApiResult, Transport } from "./call.js";
import { invalidResponse } from "./call-errors.js";
import { withRetries } from "./retry-loop.js";
import { assertValidParameters, assertValidRequestBody, jsonCopy } from "./validate.js";

const httpMethods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** openapi-fetch's per-call options as `raw` reads them (the rest is passed through untouched). */
interface RawInit {
  body?: unknown;
  bodySerializer?: (body: unknown) => unknown;
  headers?: unknown;
  signal?: AbortSignal | null;
  parseAs?: string;
  [key: string]: unknown;
}

/** openapi-fetch's `request` as `raw` calls it: for whatever method and path its caller's typed call named. */
type UntypedRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<ApiResult>;

/** The checks of the 200 responses, by operation, as `raw` looks them up for whatever route it is given. */
const okChecks: Readonly<Partial<Record<string, (body: unknown, issues: RawIssue[]) => boolean>>> = okResponseChecks;

/**
 * The client's `raw`: a Proxy of the openapi-fetch client whose request methods get what the methods
 * get (body checked and frozen, rate limit, timeouts, retries, 200-response check) while keeping
 * openapi-fetch's results; why a Proxy: docs/design/client-request-path.md.
 */
export function createRawClient(client: Client<paths>, transport: Transport): Client<paths> {
  // Read through `object`: openapi-fetch's own signature is generic over the spec's routes.
  const request: UntypedRequest = Reflect.get(client as object, "request");
  // async, so that a validation error rejects the returned promise like every other failure.
  const send = async (method: string, path: string, init: RawInit = {}): Promise<ApiResult> => {
    const operation = operationsByRoute[`${method} ${path}`];
    const { signal, headers, body, bodySerializer, ...rest } = init;
    const callHeaders = checkCallHeaders(headers);
    if (operation) assertValidParameters(operation, parametersOf(rest["params"]));
    // The body is serialised once and the same bytes go out on every attempt, as for the methods.
    const copy =
      operation && requestBodyChecks[operation] ? jsonCopy(operation, body) : { value: body, text: undefined };
    if (operation && requestBodyChecks[operation]) assertValidRequestBody(operation, copy.value);
    const bytes =
      bodySerializer || copy.text === undefined ? frozenSerializer(copy.value, bodySerializer) : () => copy.text;
    const frozen = copy.value === undefined ? {} : { body: copy.value, bodySerializer: bytes };
    const record = { ambiguous: false };
    const result = await withRetries(
      transport,
      { operation, method, path, signal: signal ?? undefined, headers: callHeaders },
      record,
      (means) =>
        request(method, path, { ...rest, ...frozen, signal: means.signal, fetch: means.fetch, headers: means.headers }),
    );
    const check =
      operation && result.response.ok && (rest.parseAs ?? "json") === "json" ? okChecks[operation] : undefined;
    const issues: RawIssue[] = [];
    if (operation && check && !check(result.data, issues))
      throw invalidResponse(operation, `${method} ${path}`, result, issues, record, transport.redactor);
    return result;
  };
  const wrapped = new Map<PropertyKey, unknown>([
    ["request", (method: string, path: string, init?: RawInit) => send(method.toUpperCase(), path, init)],
  ]);
  for (const method of httpMethods) wrapped.set(method, (path: string, init?: RawInit) => send(method, path, init));
  return new Proxy(client, {
    get: (target, property, receiver) =>
      wrapped.has(property) ? wrapped.get(property) : Reflect.get(target, property, receiver),
  });
}

/** A serializer that serialises once (JSON, or the caller's own serializer) and returns those bytes. */
function frozenSerializer(body: unknown, serializer: RawInit["bodySerializer"]): () => unknown {
  const bytes = serializer ? serializer(body) : JSON.stringify(body);
  return () => bytes;
}

/** openapi-fetch's `params` as the parameter checks read them: the path and query parameters in one object. */
function parametersOf(params: unknown): Record<string, unknown> {
  const part = (name: string) => {
    const value = params !== null && typeof params === "object" ? Reflect.get(params, name) : undefined;
    return value !== null && typeof value === "object" ? value : {};
  };
  return { ...part("path"), ...part("query") };
}
