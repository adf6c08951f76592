import type { Client } from "openapi-fetch";
import type { paths as documentedPaths } from "./generated/documented-schema.js";
import { getRoutes, postRoutes } from "./generated/routes.js";
import type { paths } from "./generated/schema.js";
import type { RawIssue } from "./generated/validators.js";
import type { FetchLike } from "./options.js";
import type { ApiResult, CallRecord, CallTarget, Transport } from "./call.js";
import { errorFromResponse, invalidResponse } from "./call-errors.js";
import { withRetries } from "./retry-loop.js";
import type { OperationName } from "./types.js";

// The client's one typed seam to openapi-fetch: a path of the spec selects the body `post` accepts (the
// parameters `get` accepts) and the checked success answer it returns, with no cast on the way
// (docs/design/client-request-path.md).

/** The JSON request body of the POST operation at `P`, as generated from the spec. */
export type JsonBodyOf<P extends keyof paths> = paths[P] extends {
  post: { requestBody: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

/** The JSON body of an operation's success answer: its 200, or its 202 (work accepted for later). */
type SuccessBodyOf<Operation> = Operation extends { responses: infer R }
  ? R extends { 200: { content: { "application/json": infer Body } } }
    ? Body
    : R extends { 202: { content: { "application/json": infer Body } } }
      ? Body
      : never
  : never;

/**
 * The JSON body of the success answer of the operation at `P` (`M`: its method), as generated from the
 * spec with its enums open (documented-schema.ts): what the answer check lets through.
 */
export type OkBodyOf<P extends keyof paths, M extends "post" | "get" = "post"> = SuccessBodyOf<documentedPaths[P][M]>;

/** The paths of the spec with a POST operation that takes a JSON body and answers 2xx with JSON. */
export type PostPath = {
  [P in keyof paths]: [JsonBodyOf<P>] extends [never] ? never : [OkBodyOf<P>] extends [never] ? never : P;
}[keyof paths];

/** The paths of the spec with a GET operation that answers 200 with JSON. */
export type GetPath = { [P in keyof paths]: [OkBodyOf<P, "get">] extends [never] ? never : P }[keyof paths];

/** The parameters (`query`, `path`) of the GET operation at `P`, as openapi-fetch takes them. */
export type ParamsOf<P extends GetPath> = paths[P]["get"] extends { parameters: infer Params } ? Params : never;

/** What every attempt hands openapi-fetch. (The index signature is openapi-fetch's: extra `RequestInit` keys.) */
type AttemptInit = { signal: AbortSignal; fetch: FetchLike; headers: Record<string, string> } & {
  [key: string]: unknown;
};

/** One attempt's openapi-fetch options for a POST: the body with its frozen bytes, and the attempt's means. */
export type PostInit<P extends PostPath> = { body: JsonBodyOf<P>; bodySerializer: () => string } & AttemptInit;

/** One attempt's openapi-fetch options for a GET: the parameters, and the attempt's means. */
export type GetInit<P extends GetPath> = { params: ParamsOf<P> } & AttemptInit;

/** An operation bound to one openapi-fetch client (generated: src/generated/routes.ts). */
export interface Route<Init, Answer> {
  readonly operation: OperationName;
  send(init: Init): Promise<ApiResult>;
  /** The generated success-answer check: true when the body holds to the spec, else issues are pushed. */
  isOk(body: unknown, issues: RawIssue[]): body is Answer;
}

/** Every POST operation of the spec, by path. */
export type PostRoutes = { readonly [P in PostPath]: Route<PostInit<P>, OkBodyOf<P>> };
/** Every GET operation of the spec, by path. */
export type GetRoutes = { readonly [P in GetPath]: Route<GetInit<P>, OkBodyOf<P, "get">> };

/** How one call is made, beyond its body: its target's settings and what the loop learns about it. */
export interface PostCall<Answer = unknown> {
  target: Omit<CallTarget, "operation" | "method" | "path">;
  record: CallRecord;
  /** The body's JSON, when the caller already has it (the text of its JSON copy): not serialised again. */
  bytes?: string | undefined;
  /** What the answer must hold beyond its schema (it matches the request): issues make it invalid. */
  answerIssues?: ((answer: Answer) => RawIssue[]) | undefined;
}

/** A client's `post`: sends one body to one operation and returns Gong's checked answer, or throws. */
export type Post = <P extends PostPath>(
  path: P,
  body: JsonBodyOf<P>,
  call: PostCall<OkBodyOf<P>>,
) => Promise<OkBodyOf<P>>;
/** A client's `get`: sends one GET with its (checked) parameters and returns Gong's checked answer, or throws. */
export type Get = <P extends GetPath>(
  path: P,
  params: ParamsOf<P>,
  call: PostCall<OkBodyOf<P, "get">>,
) => Promise<OkBodyOf<P, "get">>;

/**
 * The `post` and `get` of one client. A body is serialised once, here, and the same bytes go out on
 * every attempt: a caller that mutates its object while the call waits (in backoff, or for its
 * rate-limit turn) changes nothing that is sent.
 */
export function createSend(client: Client<paths>, transport: Transport): { post: Post; get: Get } {
  const posts: PostRoutes = postRoutes(client);
  const gets: GetRoutes = getRoutes(client);
  const post: Post = (path, body, call) => {
    const bytes = call.bytes ?? JSON.stringify(body);
    return checked(transport, "POST", path, posts[path], call, { body, bodySerializer: () => bytes });
  };
  const get: Get = (path, params, call) => checked(transport, "GET", path, gets[path], call, { params });
  return { post, get };
}

/** Sends through the retry loop, then throws the typed error of an error status or of a bad answer. */
async function checked<Init, Answer>(
  transport: Transport,
  method: "GET" | "POST",
  path: string,
  route: Route<Init & AttemptInit, Answer>,
  call: PostCall<Answer>,
  init: Init,
): Promise<Answer> {
  const endpoint = `${method} ${path}`;
  const target = { ...call.target, operation: route.operation, method, path };
  const result = await withRetries(transport, target, call.record, (means) =>
    route.send({ ...init, signal: means.signal, fetch: means.fetch, headers: means.headers }),
  );
  if (!result.response.ok) throw errorFromResponse(route.operation, endpoint, result, transport.redactor);
  const issues: RawIssue[] = [];
  if (!route.isOk(result.data, issues) || mismatches(call, result.data, issues))
    throw invalidResponse(route.operation, endpoint, result, issues, call.record, transport.redactor);
  return result.data;
}

/** Pushes the call's own answer issues (an answer that does not match its request); true when there are any. */
function mismatches<Answer>(call: PostCall<Answer>, answer: Answer, issues: RawIssue[]): boolean {
  issues.push(...(call.answerIssues?.(answer) ?? []));
  return issues.length > 0;
}
