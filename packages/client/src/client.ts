import createClient, { type Client } from "openapi-fetch";
import { resolveAuth } from "./auth.js";
import { normalizeBaseUrl } from "./base-url.js";
import { chunk, distinct, doneOf, runChunks, throwOnFailure } from "./batch.js";
import { apiErrorFor, type GongApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { checkRequestOptions, resolveOptions, type GongFlowsClientOptions } from "./options.js";
import { RateLimiter } from "./rate-limit.js";
import { parseRetryAfterMs } from "./retry.js";
import type { AttemptPolicy } from "./attempts.js";
import { callWithRetries } from "./call.js";
import { createRawClient } from "./raw.js";
import type {
  AssignedFlow,
  ListAssignedFlowsInput,
  ListAssignedFlowsResult,
  OperationName,
  RequestOptions,
  UnassignByCrmProspectIdInput,
  UnassignByCrmProspectIdResult,
  UnassignByFlowInstanceIdsInput,
  UnassignByFlowInstanceIdsResult,
} from "./types.js";
import { asJsonBody, assertValidRequestBody } from "./validate.js";

/** Gong documents at most 200 flow instances per unassign-by-instance-id request. */
const maxFlowInstanceIdsPerRequest = 200;

/** A Gong Engage-flows client. Create one with {@link createGongFlowsClient} and share it. */
export interface GongFlowsClient {
  /**
   * Lists the flows assigned to the given CRM prospects (`POST /v2/flows/prospects`; scope
   * `api:flows:read`). Duplicate ids are sent once; the ids go in requests of `listBatchSize`.
   *
   * @throws {@link GongValidationError} before sending anything, when the input is invalid.
   * @throws {@link GongBatchError} when one of several requests failed, with the ids that were and
   *   were not listed; a call that needed one request throws that request's error instead.
   */
  listAssignedFlows(input: ListAssignedFlowsInput, options?: RequestOptions): Promise<ListAssignedFlowsResult>;

  /**
   * Takes one prospect out of all its flows, or out of the flow `flowId` only
   * (`POST /v2/flows/prospects/unassign-flows-by-crm-id`; scope `api:flows:write`).
   */
  unassignByCrmProspectId(input: UnassignByCrmProspectIdInput, options?: RequestOptions): Promise<UnassignByCrmProspectIdResult>;

  /**
   * Takes prospects out of the given flow instances
   * (`POST /v2/flows/prospects/unassign-flows-by-instance-id`; scope `api:flows:write`). Any number of
   * ids: duplicates are removed and the rest sent in requests of at most 200. Every distinct id ends
   * up in exactly one list of the result (or of the {@link GongBatchError}): an id Gong did not return
   * is in `notUnassignedFlowInstanceIds`, and Gong keeps that prospect assigned.
   */
  unassignByFlowInstanceIds(
    input: UnassignByFlowInstanceIdsInput,
    options?: RequestOptions,
  ): Promise<UnassignByFlowInstanceIdsResult>;

  /**
   * The underlying openapi-fetch client, typed with the spec's `paths`. It shares this client's
   * credentials, retries, rate limit, timeouts and request validation; HTTP error answers come back
   * as openapi-fetch's `{ error, response }` rather than thrown.
   */
  readonly raw: Client<paths>;

  /** The base URL requests go to. */
  readonly baseUrl: string;
}

/**
 * Creates a client for Gong's Engage-flow endpoints.
 *
 * @example
 * ```ts
 * const gong = createGongFlowsClient({ auth: { accessKey, accessKeySecret } });
 * const { flows } = await gong.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });
 * ```
 *
 * @throws {@link GongConfigurationError} when there are no credentials, the base URL is not `https:`
 *   (except for loopback hosts), or an option is out of range.
 */
export function createGongFlowsClient(options: GongFlowsClientOptions = {}): GongFlowsClient {
  const resolved = resolveOptions(options);
  const baseUrl = normalizeBaseUrl(resolved.baseUrl);
  const auth = resolveAuth(options.auth, { dangerouslyAllowBrowser: options.dangerouslyAllowBrowser });
  const policy: AttemptPolicy = {
    limiter: new RateLimiter(resolved.requestsPerSecond),
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    maxRetryAfterMs: resolved.maxRetryAfterMs,
    retryDelay: resolved.retryDelay,
    logger: resolved.logger,
    secrets: [auth.header, ...auth.secrets],
  };
  // One openapi-fetch client sends everything, each attempt straight to `fetch` with that attempt's
  // signal; the retry loop runs around it (call.ts). `raw` is the same client behind the same loop.
  const client = createClient<paths>({ baseUrl, headers: { authorization: auth.header }, fetch: resolved.fetch });
  const raw = createRawClient(client, policy);

  /** Sends one validated body to one operation and returns Gong's answer, or throws a typed error. */
  async function post(operation: OperationName, path: keyof paths, body: unknown, options: RequestOptions): Promise<Record<string, unknown>> {
    const answer = await callWithRetries(client, policy, { operation, method: "POST", path, init: { body }, options });
    const { response } = answer;
    if (!response.ok) throw errorFromAnswer(operation, path, response, answer.error);
    const data = answer.data;
    return data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
  }

  return {
    raw,
    baseUrl,

    async listAssignedFlows(rawInput, options = {}) {
      checkRequestOptions(options);
      const input = asJsonBody(rawInput);
      assertValidRequestBody("listAssignedFlows", input);
      const ids = distinct(input.crmProspectsIds);
      const chunks = chunk(ids, resolved.listBatchSize);
      const outcomes = await runChunks(chunks, resolved.batchConcurrency, async (crmProspectsIds) => {
        const data = await post("listAssignedFlows", "/v2/flows/prospects", { ...input, crmProspectsIds }, options);
        return { flows: arrayOf<AssignedFlow>(data["prospectsAssigned"]), requestId: stringOr(data["requestId"]) };
      });
      const done = doneOf(outcomes);
      const flows = done.flatMap((o) => o.result.flows);
      const requestIds = definedOnly(done.map((o) => o.result.requestId));
      throwOnFailure("listAssignedFlows", outcomes, { requestIds, flows });
      return { flows, requestIds };
    },

    async unassignByCrmProspectId(rawInput, options = {}) {
      checkRequestOptions(options);
      const input = asJsonBody(rawInput);
      assertValidRequestBody("unassignFlowsByCrmProspectId", input);
      const data = await post("unassignFlowsByCrmProspectId", "/v2/flows/prospects/unassign-flows-by-crm-id", input, options);
      return {
        unassignedFlowInstanceIds: arrayOf<string>(data["unassignedFlowInstanceIds"]).filter((id) => typeof id === "string"),
        requestId: stringOr(data["requestId"]),
      };
    },

    async unassignByFlowInstanceIds(rawInput, options = {}) {
      checkRequestOptions(options);
      const input = asJsonBody(rawInput);
      // The 200-id cap is per request; the client splits longer lists, so the cap is not an error here.
      assertValidRequestBody("unassignFlowsByFlowInstanceIds", input, [{ keyword: "maxItems", path: "/flowInstanceIds" }]);

      const ids = distinct(input.flowInstanceIds);
      const chunks = chunk(ids, maxFlowInstanceIdsPerRequest);
      const outcomes = await runChunks(chunks, resolved.batchConcurrency, async (flowInstanceIds) => {
        const data = await post(
          "unassignFlowsByFlowInstanceIds",
          "/v2/flows/prospects/unassign-flows-by-instance-id",
          { ...input, flowInstanceIds },
          options,
        );
        const returned = new Set(arrayOf<unknown>(data["unassignedFlowInstanceIds"]));
        return {
          // Only ids that were sent count: the answer is matched against the request, id by id.
          unassigned: flowInstanceIds.filter((id) => returned.has(id)),
          notUnassigned: flowInstanceIds.filter((id) => !returned.has(id)),
          requestId: stringOr(data["requestId"]),
        };
      });
      const done = doneOf(outcomes);
      const result: UnassignByFlowInstanceIdsResult = {
        unassignedFlowInstanceIds: done.flatMap((o) => o.result.unassigned),
        notUnassignedFlowInstanceIds: done.flatMap((o) => o.result.notUnassigned),
        requestIds: definedOnly(done.map((o) => o.result.requestId)),
      };
      throwOnFailure("unassignFlowsByFlowInstanceIds", outcomes, result);
      return result;
    },
  };
}

/** Builds the typed error for an HTTP error answer from its status, body and headers. */
function errorFromAnswer(operation: OperationName, path: string, response: Response, body: unknown): GongApiError {
  const fields = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const errors = arrayOf<unknown>(fields["errors"]).filter((e): e is string => typeof e === "string");
  return apiErrorFor({
    status: response.status,
    operation,
    endpoint: `POST ${path}`,
    requestId: stringOr(fields["requestId"]),
    errors,
    headers: response.headers,
    retryAfterMs: response.status === 429 ? parseRetryAfterMs(response.headers.get("retry-after")) : undefined,
  });
}

function arrayOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function definedOnly(values: (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined);
}
