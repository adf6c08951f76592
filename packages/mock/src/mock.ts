import { validateRequestBody, type components, type OperationName } from "@gong-flows/client";
import { arrivalOf } from "./arrivals.js";
import { errorAnswer, jsonAnswer, newRequestId, withLostBody } from "./answers.js";
import { checkCredentials, type GongMockCredentials } from "./credentials.js";
import { defaultAssignedFlows, parseDataSet } from "./data-set.js";
import { FaultQueue, parseFault, type GongMockFault, type PendingFault, type StatusFault } from "./faults.js";
import { HeldCalls, type HeldCall } from "./held.js";
import { CallLimits } from "./limits.js";
import { resolveOptions, type GongMockOptions, type ResolvedGongMockOptions } from "./options.js";
import { FlowInstanceStore, type FlowInstanceRecord, type Unassignment } from "./store.js";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/**
 * The operations the mock serves, by operationId. The spec has more (listing flows, folders and steps,
 * assigning); the mock does not serve those yet, and requests to them are not intercepted.
 */
export const operationNames = [
  "listAssignedFlows",
  "unassignFlowsByCrmProspectId",
  "unassignFlowsByFlowInstanceIds",
] as const satisfies readonly OperationName[];

/** An operation the mock serves. */
type ServedOperation = (typeof operationNames)[number];

/** What the mock has seen: `GET /_mock/stats` answers exactly this. */
export interface GongMockStats {
  /** Calls of each operation it serves (every call, whatever its answer), and of all of them. */
  calls: Record<(typeof operationNames)[number], number> & { total: number };
  /** Answers of the three operations by status (`"200"`, `"400"`, …). */
  statuses: Record<string, number>;
  /** Flow instances still assigned, and unassigned by a call. */
  flowInstances: { assigned: number; unassigned: number };
  /**
   * Ids sent to unassign-by-instance-id that an earlier call had already unassigned (distinct ids per
   * call; unknown ids are not counted). 0 proves that a clean-up never sent an id twice.
   */
  alreadyUnassignedIdsSent: number;
}

/** One mock of Gong: its state, counters, limits and faults. Reach it through {@link gongHandlers} or `startGongMock`. */
export interface GongMock {
  /** The options in force (credentials excepted). */
  readonly options: ResolvedGongMockOptions;
  /**
   * Answers one call of an operation as Gong would (what the handlers do for each request). The
   * request's URL is not looked at: the caller has routed it.
   */
  handle(operation: (typeof operationNames)[number], request: Request): Promise<Response>;
  /** Adds flow instances as assigned (checked against the spec's AssignedFlow); a known id is replaced. */
  seed(assignedFlows: readonly AssignedFlow[]): void;
  /**
   * Back to the data set the mock was created with: counters zeroed, limits and faults cleared. Calls
   * still held are answered 503 without acting.
   */
  reset(): void;
  /** Queues a fault for the next calls (checked; see {@link GongMockFault}). */
  injectFault(fault: GongMockFault): void;
  /** The faults still queued, with the calls each still hits. */
  pendingFaults(): PendingFault[];
  /** Drops every queued fault. */
  clearFaults(): void;
  /** The calls a `hold` fault keeps waiting now, in arrival order. */
  held(): HeldCall[];
  /**
   * Lets the calls held under `hold` (every held call, without it) go on as usual, and resolves with
   * how many once each has been acted on and answered.
   */
  release(hold?: string): Promise<number>;
  /** The counters (a copy). */
  stats(): GongMockStats;
  /** Every flow instance, assigned or not, in the order given (copies). */
  flowInstances(): FlowInstanceRecord[];
}

type ListBody = components["schemas"]["ListAssignedFlowsRequest"];
type ByCrmIdBody = components["schemas"]["UnassignFlowsByCrmProspectIdRequest"];
type ByInstanceBody = components["schemas"]["UnassignFlowsByFlowInstanceIdsRequest"];
type ListAnswer = components["schemas"]["ProspectsAssignedFlows"];
type UnassignAnswer = components["schemas"]["UnassignFlowsResponse"];

/**
 * Creates a stateful mock of Gong's three Engage-flow operations.
 *
 * Each call goes through, in order: a queued `hold` fault (it waits until released); added latency;
 * a queued status fault (which answers at once); credentials (401); the daily quota and the rate
 * limit (429 with `Retry-After`); content type, JSON and the spec's request schema (400); then the
 * operation itself, on the mock's state. A queued
 * `loseAnswer` fault breaks the answer after the work is done.
 *
 * @throws {@link GongMockInputError} when an option or the data set is not valid.
 */
export function createGongMock(options: GongMockOptions = {}): GongMock {
  const resolved = resolveOptions(options);
  const credentials: GongMockCredentials = {
    accessKey: options.accessKey,
    accessKeySecret: options.accessKeySecret,
    bearerToken: options.bearerToken,
  };
  const initialFlows =
    options.assignedFlows === undefined
      ? defaultAssignedFlows
      : parseDataSet({ assignedFlows: options.assignedFlows }, "assignedFlows");
  const { clock } = resolved;
  const store = new FlowInstanceStore();
  const limits = new CallLimits({ requestsPerSecond: resolved.rps, dailyQuota: resolved.dailyQuota, clock });
  const faults = new FaultQueue();
  const held = new HeldCalls();
  let stats = emptyStats();

  const reset = () => {
    held.drop();
    store.clear();
    store.add(initialFlows);
    limits.reset();
    faults.clear();
    stats = emptyStats();
  };
  reset();

  async function answer(
    operation: ServedOperation,
    request: Request,
    requestId: string,
    arrived: number,
  ): Promise<Response> {
    const latency = resolved.latencyMs + (faults.take("latency", operation)?.latencyMs ?? 0);
    if (latency > 0) await clock.sleep(latency);

    const forced = faults.take("status", operation);
    if (forced) return forcedAnswer(forced, requestId);

    const verdict = checkCredentials(request.headers.get("authorization"), credentials);
    if (!verdict.ok) return errorAnswer(401, requestId, [verdict.error]);

    const admission = limits.admit(arrived);
    if (!admission.admitted) {
      const why =
        admission.limit === "dailyQuota"
          ? `API daily quota of ${resolved.dailyQuota} calls exceeded; it renews at midnight UTC.`
          : `API rate limit of ${resolved.rps} calls per second exceeded.`;
      return errorAnswer(429, requestId, [why], { "retry-after": String(admission.retryAfterSeconds) });
    }

    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType.trim())) {
      return errorAnswer(400, requestId, [
        `Content-Type must be application/json${contentType ? `, not ${contentType}` : ""}.`,
      ]);
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return errorAnswer(400, requestId, ["The request body is not valid JSON."]);
    }
    // The client's own pre-send check: one home for the spec's request rules (our strict ones and
    // Gong's 200-id cap alike), so the mock refuses exactly what the client would not send.
    const issues = validateRequestBody(operation, body);
    if (issues.length > 0)
      return errorAnswer(
        400,
        requestId,
        issues.map((issue) => `${issue.path || "(body)"}: ${issue.message}`),
      );

    const how = (userEmail: string | undefined): Unassignment => ({
      at: new Date(clock.now()).toISOString(),
      requestId,
      userEmail,
    });
    switch (operation) {
      case "listAssignedFlows": {
        if (!("crmProspectsIds" in (body as object))) {
          // The list's second form (by flow instance id) is in the spec; this mock does not serve it yet.
          return errorAnswer(501, requestId, ["This mock lists by crmProspectsIds only, not by flowInstanceIds yet."]);
        }
        const { crmProspectsIds } = body as ListBody;
        return jsonAnswer(200, {
          requestId,
          prospectsAssigned: store.assignedOf(crmProspectsIds),
        } satisfies ListAnswer);
      }
      case "unassignFlowsByCrmProspectId": {
        const { crmProspectId, flowId, unassignedByUserEmail } = body as ByCrmIdBody;
        const removed = store.unassignProspect(crmProspectId, flowId, how(unassignedByUserEmail));
        return jsonAnswer(200, { requestId, unassignedFlowInstanceIds: removed } satisfies UnassignAnswer);
      }
      case "unassignFlowsByFlowInstanceIds": {
        const { flowInstanceIds, unassignedByUserEmail } = body as ByInstanceBody;
        const { removed, alreadyUnassigned } = store.unassignInstances(flowInstanceIds, how(unassignedByUserEmail));
        stats.alreadyUnassignedIdsSent += alreadyUnassigned;
        return jsonAnswer(200, { requestId, unassignedFlowInstanceIds: removed } satisfies UnassignAnswer);
      }
    }
  }

  return {
    options: resolved,
    async handle(operation, request) {
      // Gong's limits count a call when it arrives, not when it is answered (see arrivals.ts).
      const arrived = arrivalOf(request) ?? clock.now();
      stats.calls[operation]++;
      stats.calls.total++;
      const requestId = newRequestId();
      // Taken now, so that the fault hits this call even if the answer takes a while.
      const lose = faults.take("loseAnswer", operation);
      const hold = faults.take("hold", operation);
      const since = new Date(clock.now()).toISOString();
      const response = await heldThen(held, hold && { hold: hold.hold, operation, since }, requestId, () =>
        answer(operation, request, requestId, arrived),
      );
      stats.statuses[String(response.status)] = (stats.statuses[String(response.status)] ?? 0) + 1;
      return lose ? withLostBody(response) : response;
    },
    seed(assignedFlows) {
      store.add(parseDataSet({ assignedFlows }, "seed"));
    },
    reset,
    injectFault(fault) {
      faults.add(parseFault(fault));
    },
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    held: () => held.list(),
    release: (hold) => held.release(hold),
    stats: () => ({
      calls: { ...stats.calls },
      statuses: { ...stats.statuses },
      flowInstances: store.counts(),
      alreadyUnassignedIdsSent: stats.alreadyUnassignedIdsSent,
    }),
    flowInstances: () => store.records(),
  };
}

/** Runs `act` at once, or, when a `hold` fault took the call, once it is released (not at all if dropped). */
async function heldThen(
  held: HeldCalls,
  call: HeldCall | undefined,
  requestId: string,
  act: () => Promise<Response>,
): Promise<Response> {
  if (call === undefined) return act();
  const ticket = held.hold(call);
  try {
    if (!(await ticket.released))
      return errorAnswer(503, requestId, ["The mock was reset while this call was held: nothing was done."]);
    return await act();
  } finally {
    ticket.done();
  }
}

/** The answer of a status fault: its status and errors, `Retry-After` as it says (1 s on a 429 by default). */
function forcedAnswer(forced: StatusFault, requestId: string): Response {
  const retryAfter = forced.retryAfterSeconds ?? (forced.status === 429 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  return errorAnswer(forced.status, requestId, forced.errors ?? [`Injected fault: status ${forced.status}`], headers);
}

function emptyStats(): {
  calls: GongMockStats["calls"];
  statuses: Record<string, number>;
  alreadyUnassignedIdsSent: number;
} {
  return {
    calls: { listAssignedFlows: 0, unassignFlowsByCrmProspectId: 0, unassignFlowsByFlowInstanceIds: 0, total: 0 },
    statuses: {},
    alreadyUnassignedIdsSent: 0,
  };
}
