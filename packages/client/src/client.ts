import createClient, { type Client } from "openapi-fetch";
import { resolveAuth } from "./auth.js";
import { normalizeBaseUrl } from "./base-url.js";
import { createNewConnectionGate } from "./new-connection-gate.js";
import type { paths } from "./generated/schema.js";
import { clientIdentification, identificationHeaderName } from "./headers.js";
import type { OperationContext } from "./operations/context.js";
import { assignProspects } from "./operations/assign-prospects.js";
import { bulkAssignment } from "./operations/bulk-assignment.js";
import { getFlowSteps } from "./operations/get-flow-steps.js";
import { listAssignedFlows } from "./operations/list-assigned-flows.js";
import { listFlowFolders, listFlows } from "./operations/list-flows.js";
import { unassignByCrmProspectId } from "./operations/unassign-by-crm-prospect-id.js";
import { unassignByFlowInstanceIds } from "./operations/unassign-by-flow-instance-ids.js";
import { type GongFlowsClientOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { createRawClient } from "./raw.js";
import { createRedactor } from "./redact.js";
import type { Transport } from "./call.js";
import { createSend } from "./transport.js";
import type {
  ListAssignedFlowsInput,
  ListAssignedFlowsResult,
  RequestOptions,
  UnassignByCrmProspectIdInput,
  UnassignByCrmProspectIdResult,
  UnassignByFlowInstanceIdsInput,
  UnassignByFlowInstanceIdsResult,
} from "./types.js";
import type {
  AssignProspectsInput,
  AssignProspectsResult,
  BulkAssignment,
  BulkAssignmentRequest,
  Flow,
  FlowFolder,
  FlowFoldersPage,
  FlowsPage,
  GetFlowStepsInput,
  GetFlowStepsResult,
  ListFlowFoldersInput,
  ListFlowFoldersPageInput,
  ListFlowInstancesInput,
  ListFlowsInput,
  ListFlowsPageInput,
  WaitForBulkAssignmentOptions,
} from "./types-flows.js";
import type { GongPager } from "./operations/pages.js";

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
   * Every flow a Gong user can assign prospects to (`GET /v2/flows`; scope `api:flows:read`): the
   * company's flows, the user's personal flows and those shared with the user, as an async iterable
   * that fetches the pages one after the other as you read, following `records.cursor`. `pages()`
   * yields the pages themselves. The input is checked when this is called (it throws
   * {@link GongValidationError} at once); nothing is sent until you iterate. An answer that repeats an
   * earlier page's cursor throws {@link GongResponseValidationError} rather than looping for ever.
   *
   * @example
   * ```ts
   * for await (const flow of gong.listFlows({ flowOwnerEmail: "owner@example.com" })) console.log(flow.id, flow.name);
   * ```
   */
  listFlows(input: ListFlowsInput, options?: RequestOptions): GongPager<Flow, FlowsPage>;

  /**
   * One page of {@link GongFlowsClient.listFlows}: give the previous page's `nextCursor` as `cursor`
   * for the next; `nextCursor` is undefined on the last page.
   */
  listFlowsPage(input: ListFlowsPageInput, options?: RequestOptions): Promise<FlowsPage>;

  /**
   * Every flow folder a Gong user can see (`GET /v2/flows/folders`; scope `api:flows:read`), paged like
   * {@link GongFlowsClient.listFlows}. Gong's answer names its array `flows`; the pages name it `folders`.
   */
  listFlowFolders(input: ListFlowFoldersInput, options?: RequestOptions): GongPager<FlowFolder, FlowFoldersPage>;

  /** One page of {@link GongFlowsClient.listFlowFolders}. */
  listFlowFoldersPage(input: ListFlowFoldersPageInput, options?: RequestOptions): Promise<FlowFoldersPage>;

  /**
   * Gets flows with their steps (`POST /v2/flows/steps`; scope `api:flows:read`): what each flow will
   * send. Any number of ids: duplicates are removed and the rest sent in requests of at most
   * `gongLimits.flowStepsIdsPerRequest` (20).
   *
   * @throws {@link GongUnknownFlowsError} when Gong answers 404 (an id is unknown, and Gong returns no
   *   flow of that request): `flowIds` are that request's ids, `unknownFlowIds` those Gong's message names.
   *   In a call of several requests it is the `cause` of a {@link GongBatchError}, whose
   *   `flowsWithSteps` holds the flows of the requests answered.
   */
  getFlowSteps(input: GetFlowStepsInput, options?: RequestOptions): Promise<GetFlowStepsResult>;

  /**
   * Starts a bulk assignment (`POST /v2/flows/prospects/bulk-assignments`; scope `api:flows:write`): a
   * job at Gong that assigns up to `gongLimits.bulkAssignmentProspectsPerRequest` (50) prospects to a
   * flow, each by CRM id or, for one the CRM does not hold yet, by name (Gong creates it). Resolves with
   * the job Gong accepted (`202`; `status` `PENDING`). More than 50 prospects is a
   * {@link GongValidationError}: nothing is sent. Never sent again once it may have reached Gong (a
   * second submit would start a second job): such a failure is thrown. `onAttempt` events carry the
   * prospects' CRM ids.
   */
  submitBulkAssignment(input: BulkAssignmentRequest, options?: RequestOptions): Promise<BulkAssignment>;

  /**
   * A bulk assignment's progress and the results of the prospects processed so far
   * (`GET /v2/flows/prospects/bulk-assignments/{id}`; scope `api:flows:read`).
   */
  getBulkAssignment(id: string, options?: RequestOptions): Promise<BulkAssignment>;

  /**
   * Polls a bulk assignment until its status is `COMPLETED` or `FAILED` and resolves with it (its
   * `results` then say, per prospect, what was done). Waits `pollIntervalMs` after the first poll,
   * doubling up to `maxPollIntervalMs`. Each poll is an ordinary call (retries, rate limit, `options`).
   *
   * @throws {@link GongBulkAssignmentTimeoutError} when `timeoutMs` passes first, with the last job seen
   *   (the job goes on at Gong). A poll already on the wire at the deadline is awaited first.
   * @throws {@link GongAbortError} when `signal` aborts, at once.
   */
  waitForBulkAssignment(
    id: string,
    wait?: WaitForBulkAssignmentOptions,
    options?: RequestOptions,
  ): Promise<BulkAssignment>;

  /**
   * {@link GongFlowsClient.submitBulkAssignment}, then {@link GongFlowsClient.waitForBulkAssignment}:
   * resolves with the finished job. (A job Gong accepted without an id is returned as accepted.)
   */
  bulkAssign(
    input: BulkAssignmentRequest,
    wait?: WaitForBulkAssignmentOptions,
    options?: RequestOptions,
  ): Promise<BulkAssignment>;

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
  const context: OperationContext = { ...createSend(client, transport), options: resolved };
  return {
    raw: createRawClient(client, transport),
    baseUrl,
    timeoutMs: resolved.timeoutMs,
    listAssignedFlows: listAssignedFlows(context),
    assignProspects: assignProspects(context),
    ...listFlows(context),
    ...listFlowFolders(context),
    getFlowSteps: getFlowSteps(context),
    ...bulkAssignment(context),
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
