import type { Client } from "openapi-fetch";
import { apiErrorFor, type GongApiError, GongResponseValidationError } from "./errors.js";
import type { paths as documentedPaths } from "./generated/documented-schema.js";
import { postRoutes } from "./generated/routes.js";
import type { paths } from "./generated/schema.js";
import type { RawIssue } from "./generated/validators.js";
import type { FetchLike } from "./options.js";
import type { Redactor } from "./redact.js";
import {
  type ApiResult,
  type CallRecord,
  type CallTarget,
  requestIdOf,
  type Transport,
  withRetries,
} from "./retry-loop.js";
import { parseRetryAfterMs } from "./retry-policy.js";
import type { OperationName } from "./types.js";

// The client's one typed seam to openapi-fetch. A path of the spec selects, through the generated
// types, the request body `post` accepts and the 200 answer it returns; the generated routes
// (src/generated/routes.ts) call openapi-fetch with that path as a literal, so openapi-fetch types the
// call itself; and the generated 200-answer check is a type guard, so the answer is typed only once it
// has been checked. No cast anywhere on the way.

/** The JSON request body of the POST operation at `P`, as generated from the spec. */
export type JsonBodyOf<P extends keyof paths> = paths[P] extends {
  post: { requestBody: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
/**
 * The JSON body of the 200 answer of the POST operation at `P`, as generated from the spec with its
 * enums open (documented-schema.ts): what the answer check lets through.
 */
export type OkBodyOf<P extends keyof paths> = documentedPaths[P] extends {
  post: { responses: { 200: { content: { "application/json": infer Body } } } };
}
  ? Body
  : never;
/** The paths of the spec with a POST operation that takes a JSON body and answers 200 with JSON. */
export type PostPath = {
  [P in keyof paths]: [JsonBodyOf<P>] extends [never] ? never : [OkBodyOf<P>] extends [never] ? never : P;
}[keyof paths];

/**
 * One attempt's openapi-fetch options: the body with its frozen bytes, the attempt's signal, fetch and
 * headers. (The index signature is openapi-fetch's: its options accept extra `RequestInit` keys.)
 */
export type PostInit<P extends PostPath> = {
  body: JsonBodyOf<P>;
  bodySerializer: () => string;
  signal: AbortSignal;
  fetch: FetchLike;
  headers: Record<string, string>;
} & { [key: string]: unknown };

/** A POST operation bound to one openapi-fetch client (generated: src/generated/routes.ts). */
export interface PostRoute<P extends PostPath> {
  readonly operation: OperationName;
  send(init: PostInit<P>): Promise<ApiResult>;
  /** The generated 200-answer check: true when the body holds to the spec, else issues are pushed. */
  isOk(body: unknown, issues: RawIssue[]): body is OkBodyOf<P>;
}

/** Every POST operation of the spec, by path. */
export type PostRoutes = { readonly [P in PostPath]: PostRoute<P> };

/** How one call is made, beyond its body: its target's settings and what the loop learns about it. */
export interface PostCall {
  target: Omit<CallTarget, "operation" | "method" | "path">;
  record: CallRecord;
  /** The body's JSON, when the caller already has it (the text of its JSON copy): not serialised again. */
  bytes?: string | undefined;
}

/** A client's `post`: sends one body to one operation and returns Gong's checked 200 answer, or throws. */
export type Post = <P extends PostPath>(path: P, body: JsonBodyOf<P>, call: PostCall) => Promise<OkBodyOf<P>>;

/**
 * The `post` of one client. The body is serialised once, here, and the same bytes go out on every
 * attempt: a caller that mutates its object while the call waits (in backoff, or for its rate-limit
 * turn) changes nothing that is sent.
 */
export function createPost(client: Client<paths>, transport: Transport): Post {
  const routes: PostRoutes = postRoutes(client);
  return async function post<P extends PostPath>(path: P, body: JsonBodyOf<P>, call: PostCall): Promise<OkBodyOf<P>> {
    const route: PostRoute<P> = routes[path];
    const bytes = call.bytes ?? JSON.stringify(body);
    const endpoint = `POST ${path}`;
    const answer = await withRetries(
      transport,
      { ...call.target, operation: route.operation, method: "POST", path },
      call.record,
      (means) =>
        route.send({
          body,
          bodySerializer: () => bytes,
          signal: means.signal,
          fetch: means.fetch,
          headers: means.headers,
        }),
    );
    if (!answer.response.ok) throw errorFromAnswer(route.operation, endpoint, answer, transport.redactor);
    const issues: RawIssue[] = [];
    if (!route.isOk(answer.data, issues))
      throw invalidAnswer(route.operation, endpoint, answer, issues, call.record, transport.redactor);
    return answer.data;
  };
}

/**
 * The error for a success answer that breaks the operation's response schema. The call's outcome is
 * unknown from then on: the request was received and may have been carried out.
 */
export function invalidAnswer(
  operation: OperationName,
  endpoint: string,
  answer: ApiResult,
  issues: readonly RawIssue[],
  record: CallRecord,
  redactor: Redactor,
): GongResponseValidationError {
  record.ambiguous = true;
  const requestId = requestIdOf(answer.data);
  return new GongResponseValidationError({
    status: answer.response.status,
    operation,
    endpoint,
    requestId: requestId === undefined ? undefined : redactor.text(requestId),
    issues: issues.map(([path, message]) => ({ path: redactor.text(path), message })),
  });
}

/**
 * The typed error of an HTTP error answer, from its status, body and headers. Everything taken from the
 * answer is redacted first: a proxy (or Gong itself, on a 401) may echo the credentials back.
 */
export function errorFromAnswer(
  operation: OperationName | undefined,
  endpoint: string,
  answer: ApiResult,
  redactor: Redactor,
): GongApiError {
  const { response } = answer;
  const body = answer.error;
  const fields = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(fields["errors"])
    ? fields["errors"].filter((e): e is string => typeof e === "string").map((e) => redactor.text(e))
    : [];
  const requestId = requestIdOf(body);
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.append(name, redactor.text(value));
  return apiErrorFor({
    status: response.status,
    operation,
    endpoint,
    requestId: requestId === undefined ? undefined : redactor.text(requestId),
    errors,
    headers,
    retryAfterMs: response.status === 429 ? parseRetryAfterMs(response.headers.get("retry-after")) : undefined,
  });
}
