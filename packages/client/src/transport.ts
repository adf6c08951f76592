import type { Client } from "openapi-fetch";
import type { paths as documentedPaths } from "./generated/documented-schema.js";
import { postRoutes } from "./generated/routes.js";
import type { paths } from "./generated/schema.js";
import type { RawIssue } from "./generated/validators.js";
import type { FetchLike } from "./options.js";
import type { ApiResult, CallRecord, CallTarget, Transport } from "./call.js";
import { errorFromResponse, invalidResponse } from "./call-errors.js";
import { withRetries } from "./retry-loop.js";
import type { OperationName } from "./types.js";

// The client's one typed seam to openapi-fetch: a path of the spec selects the body `post` accepts and
// the checked 200 response it returns, with no cast on the way (docs/design/client-request-path.md).

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
export interface PostCall<Answer = unknown> {
  target: Omit<CallTarget, "operation" | "method" | "path">;
  record: CallRecord;
  /** The body's JSON, when the caller already has it (the text of its JSON copy): not serialised again. */
  bytes?: string | undefined;
  /** What the answer must hold beyond its schema (it matches the request): issues make it invalid. */
  answerIssues?: ((answer: Answer) => RawIssue[]) | undefined;
}

/** A client's `post`: sends one body to one operation and returns Gong's checked 200 answer, or throws. */
export type Post = <P extends PostPath>(path: P, body: JsonBodyOf<P>, call: PostCall<OkBodyOf<P>>) => Promise<OkBodyOf<P>>;

/**
 * The `post` of one client. The body is serialised once, here, and the same bytes go out on every
 * attempt: a caller that mutates its object while the call waits (in backoff, or for its rate-limit
 * turn) changes nothing that is sent.
 */
export function createPost(client: Client<paths>, transport: Transport): Post {
  const routes: PostRoutes = postRoutes(client);
  return async function post<P extends PostPath>(
    path: P,
    body: JsonBodyOf<P>,
    call: PostCall<OkBodyOf<P>>,
  ): Promise<OkBodyOf<P>> {
    const route: PostRoute<P> = routes[path];
    const bytes = call.bytes ?? JSON.stringify(body);
    const endpoint = `POST ${path}`;
    const result = await withRetries(
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
    if (!result.response.ok) throw errorFromResponse(route.operation, endpoint, result, transport.redactor);
    const issues: RawIssue[] = [];
    if (!route.isOk(result.data, issues) || mismatches(call, result.data, issues))
      throw invalidResponse(route.operation, endpoint, result, issues, call.record, transport.redactor);
    return result.data;
  };
}

/** Pushes the call's own answer issues (an answer that does not match its request); true when there are any. */
function mismatches<Answer>(call: PostCall<Answer>, answer: Answer, issues: RawIssue[]): boolean {
  issues.push(...(call.answerIssues?.(answer) ?? []));
  return issues.length > 0;
}
