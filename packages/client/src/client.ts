import createClient, { type Client } from "openapi-fetch";
import { resolveAuth } from "./auth.js";
import { normalizeBaseUrl } from "./base-url.js";
import { createNewConnectionGate } from "./new-connection-gate.js";
import type { paths } from "./generated/schema.js";
import { clientIdentification, identificationHeaderName } from "./headers.js";
import type { OperationContext } from "./operations/context.js";
import { assignProspects } from "./operations/assign-prospects.js";
import { listAssignedFlows } from "./operations/list-assigned-flows.js";
import { unassignByCrmProspectId } from "./operations/unassign-by-crm-prospect-id.js";
import { unassignByFlowInstanceIds } from "./operations/unassign-by-flow-instance-ids.js";
import { type GongFlowsClientOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { createRawClient } from "./raw.js";
import { createRedactor } from "./redact.js";
import type { Transport } from "./call.js";
import { createPost } from "./transport.js";
import type {
  ListAssignedFlowsInput,
  ListAssignedFlowsResult,
  RequestOptions,
  UnassignByCrmProspectIdInput,
  UnassignByCrmProspectIdResult,
  UnassignByFlowInstanceIdsInput,
  UnassignByFlowInstanceIdsResult,
} from "./types.js";
import type { AssignProspectsInput, AssignProspectsResult, ListFlowInstancesInput } from "./types-flows.js";

/** A Gong Engage-flows client. Create one with {@link createGongFlowsClient} and share it. */
export interface GongFlowsClient {
  /**
   * Lists the flows assigned to the given CRM prospects (`{ crmProspectsIds }`: their open flow
   * instances), or the given flow instances (`{ flowInstanceIds }`: finished ones included)
   * (`POST /v2/flows/prospects`; scope `api:flows:read`). Duplicate ids are sent once; the ids go in
   * requests of `listBatchSize`.
   *
   * @throws {@link GongValidationError} before sending anything, when the input is invalid.
   * @throws {@link GongResponseValidationError} when Gong's answer does not match the spec.
   * @throws {@link GongBatchError} when one of several requests failed, with the ids that were and
   *   were not listed; a call that needed one request throws that request's error instead.
   */
  listAssignedFlows(
    input: ListAssignedFlowsInput | ListFlowInstancesInput,
    options?: RequestOptions,
  ): Promise<ListAssignedFlowsResult>;

  /**
   * Assigns CRM prospects Gong knows to a flow (`POST /v2/flows/prospects/assign`; scope
   * `api:flows:write`): each gets a flow instance, and the flow's first steps run for it. Any number of
   * ids: duplicates are removed and the rest sent in requests of at most
   * `gongLimits.assignProspectsPerRequest` (100). Every distinct id ends up in exactly one list of the
   * result: `assigned` (its new flow instance), `notAssigned` (Gong's `errorCode` and `errorMessage`)
   * or `unconfirmedCrmProspectIds` (Gong's answer named it in neither list).
   *
   * A request is never sent again once it may have reached Gong (a timeout, a connection lost after
   * sending, a 5xx, an answer that breaks the spec): the call throws that error (in a batch, a
   * {@link GongBatchError} whose `outcomeUnknownIds` holds that request's ids). A 429 and a connection
   * never made are retried.
   *
   * @throws {@link GongValidationError} before sending anything, when the input is invalid.
   * @throws {@link GongResponseValidationError} when an answer breaks the spec, or names a prospect its
   *   request did not carry (or names one twice): the request's outcome is then unknown.
   * @throws {@link GongBatchError} when one of several requests failed, with every id placed.
   */
  assignProspects(input: AssignProspectsInput, options?: RequestOptions): Promise<AssignProspectsResult>;

  /**
   * Takes one prospect out of all its flows, or out of the flow `flowId` only
   * (`POST /v2/flows/prospects/unassign-flows-by-crm-id`; scope `api:flows:write`). Returns what
   * Gong's final answer lists, with `unconfirmed: true` when an earlier attempt of the call got no
   * usable answer (Gong may have removed the prospect from flows then that this answer does not list).
   */
  unassignByCrmProspectId(
    input: UnassignByCrmProspectIdInput,
    options?: RequestOptions,
  ): Promise<UnassignByCrmProspectIdResult>;

  /**
   * Takes prospects out of the given flow instances
   * (`POST /v2/flows/prospects/unassign-flows-by-instance-id`; scope `api:flows:write`). Any number of
   * ids: duplicates are removed and the rest sent in requests of at most 200. Every distinct id ends
   * up in exactly one list of the result (or of the {@link GongBatchError}): an id Gong returned is in
   * `unassignedFlowInstanceIds`; one it did not return is in `notUnassignedFlowInstanceIds` (Gong keeps
   * that prospect assigned) — unless an earlier attempt of its request got no usable answer, when Gong
   * may have removed it then: such an id is in `unconfirmedFlowInstanceIds`.
   */
  unassignByFlowInstanceIds(
    input: UnassignByFlowInstanceIdsInput,
    options?: RequestOptions,
  ): Promise<UnassignByFlowInstanceIdsResult>;

  /**
   * The underlying openapi-fetch client, typed with the spec's `paths`. It shares this client's
   * credentials, retries, rate limit, timeouts, request validation and 200-answer checks; HTTP error
   * answers come back as openapi-fetch's `{ error, response }` rather than thrown. Middleware added with
   * `raw.use(...)` applies to the methods' requests too: they go through the same openapi-fetch client.
   */
  readonly raw: Client<paths>;

  /** The base URL requests go to. */
  readonly baseUrl: string;

  /**
   * The time each attempt is allowed (the `timeoutMs` option, or its default), in ms: also the
   * longest this client waits for Gong to act on a request before it counts the outcome as unknown.
   */
  readonly timeoutMs: number;
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
 * @throws {@link GongConfigurationError} when there are no credentials (or two kinds), the base URL is
 *   not `https:` (except for loopback hosts), an option is unknown or out of range.
 */
export function createGongFlowsClient(options: GongFlowsClientOptions = {}): GongFlowsClient {
  const resolved = resolveOptions(options);
  const baseUrl = normalizeBaseUrl(resolved.baseUrl);
  const transport = createTransport(options, resolved);
  // One openapi-fetch client sends everything, each attempt with that attempt's signal, headers and
  // fetch; the retry loop runs around it. `raw` is the same client behind the same loop.
  const client = createClient<paths>({ baseUrl, fetch: resolved.fetch });
  const context: OperationContext = { post: createPost(client, transport), options: resolved };
  return {
    raw: createRawClient(client, transport),
    baseUrl,
    timeoutMs: resolved.timeoutMs,
    listAssignedFlows: listAssignedFlows(context),
    assignProspects: assignProspects(context),
    unassignByCrmProspectId: unassignByCrmProspectId(context),
    unassignByFlowInstanceIds: unassignByFlowInstanceIds(context),
  };
}

/** What the client's calls send with: its options, its new-connection gate, its credentials and its redactor. */
function createTransport(options: GongFlowsClientOptions, resolved: ResolvedOptions): Transport {
  const redactor = createRedactor();
  let headers: Record<string, string> = {};
  return {
    ...resolved,
    newConnectionGate: createNewConnectionGate(resolved.requestsPerSecond),
    auth: resolveAuth(options.auth, redactor, { dangerouslyAllowBrowser: options.dangerouslyAllowBrowser }),
    redactor,
    headersWith(authorization) {
      // Built again only when the token changes: openapi-fetch only reads it.
      if (headers.authorization !== authorization)
        headers = { [identificationHeaderName()]: clientIdentification, authorization };
      return headers;
    },
  };
}
