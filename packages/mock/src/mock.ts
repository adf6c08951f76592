import type { MockOperationName } from "./routes.js";
import type { components } from "@gong-flows/client";
import { arrivalOf } from "./arrivals.js";
import type { GongMockCredentials } from "./credentials.js";
import { BulkAssignments } from "./bulk-assignments.js";
import { FlowCatalogue } from "./catalogue.js";
import { CrmProspects } from "./crm.js";
import { dataSetKeys, type GongMockData, type GongMockDataSet, parseDataSet } from "./data-set.js";
import { defaultDataSet } from "./default-data-set.js";
import { FaultQueue, parseFault, type GongMockFault, type PendingFault } from "./faults.js";
import { HeldCalls, type HeldCall } from "./held.js";
import { CallLimits } from "./limits.js";
import { resolveOptions, type GongMockOptions, type ResolvedGongMockOptions } from "./options.js";
import { type MockParts, type MockRequest, respond } from "./respond.js";
import { errorResponse, newRequestId, withLostBody } from "./responses.js";
import { countRequest, countResponse, emptyCounts, type GongMockStats, statsOf } from "./stats.js";
import { FlowInstanceStore, type FlowInstanceRecord } from "./store.js";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/** One mock of Gong: its state, counters, limits and faults. Reach it through {@link gongHandlers} or `startGongMock`. */
export interface GongMock {
  /** The options in force (credentials excepted). */
  readonly options: ResolvedGongMockOptions;
  /**
   * Answers one call of an operation as Gong would (what the handlers do for each request). The
   * caller has routed the request: its URL is read only for the operation's query parameters and, at
   * the end of its path, its path parameters (`…/bulk-assignments/{id}`).
   */
  handle(operation: MockOperationName, request: Request): Promise<Response>;
  /**
   * Adds data, checked as a data file is: flow instances (an array, or a data set's `assignedFlows`:
   * assigned unless finished), and a data set's flows, folders, steps and CRM prospects. A known id is replaced.
   */
  seed(data: readonly AssignedFlow[] | GongMockDataSet): void;
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
  /**
   * The flows, folders, steps and CRM prospects the mock holds now, as held (the mock's own keys
   * included; copies): the data set's, the flows its flow instances name, the prospects bulk assignments created.
   */
  catalogue(): GongMockCatalogue;
}

/** What {@link GongMock.catalogue} gives: everything of a data set but its flow instances. */
export type GongMockCatalogue = Omit<GongMockData, "assignedFlows">;

/**
 * Creates a stateful mock of Gong's Engage-flow operations.
 *
 * Each call goes through, in order: a queued `hold` fault (it waits until released); added latency;
 * a queued status fault (which answers at once); credentials (401); the daily quota and the rate
 * limit (429 with `Retry-After`); content type, JSON and the spec's request schema (400); then the
 * operation itself, on the mock's state. A queued `loseAnswer` fault breaks the response after the
 * work is done (docs/design/mock.md).
 *
 * @throws {@link GongMockInputError} when an option or the data set is not valid.
 */
export function createGongMock(options: GongMockOptions = {}): GongMock {
  const initial = initialData(options);
  const parts = createParts(options);
  const held = new HeldCalls();
  const reset = () => {
    held.drop();
    parts.flowInstances.clear();
    parts.catalogue.clear();
    parts.crm.clear();
    parts.bulkAssignments.clear();
    load(parts, initial);
    parts.limits.reset();
    parts.faults.clear();
    parts.counts = emptyCounts();
  };
  reset();
  // What the mock reports is brought up to its clock's now: bulk assignments due by then have acted.
  const upToNow = () => parts.bulkAssignments.advance(parts.options.clock.now(), parts);
  return {
    options: parts.options,
    handle: (operation, request) => handleRequest(parts, held, operation, request),
    seed: (data) => load(parts, parseDataSet(Array.isArray(data) ? { assignedFlows: data } : data, "seed")),
    reset,
    injectFault: (fault) => parts.faults.add(parseFault(fault)),
    pendingFaults: () => parts.faults.pending(),
    clearFaults: () => parts.faults.clear(),
    held: () => held.list(),
    release: (hold) => held.release(hold),
    stats: () => {
      upToNow();
      return statsOf(parts.counts, parts.flowInstances);
    },
    flowInstances: () => {
      upToNow();
      return parts.flowInstances.records();
    },
    catalogue: () => {
      upToNow();
      return { ...parts.catalogue.snapshot(), crmProspects: parts.crm.list() };
    },
  };
}

/** The data the options give (checked), or the built-in data set when they give none. */
function initialData(options: GongMockOptions): GongMockData {
  const given = Object.fromEntries(
    dataSetKeys.flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])),
  );
  return Object.keys(given).length === 0 ? defaultDataSet : parseDataSet(given, "mock options");
}

/** Adds checked data to the state. */
function load(parts: MockParts, data: GongMockData): void {
  parts.flowInstances.add(data.assignedFlows);
  parts.catalogue.add(data);
  parts.crm.add(data);
}

/** The state, limits and fault queue of a new mock, empty. */
function createParts(options: GongMockOptions): MockParts {
  const resolved = resolveOptions(options);
  const { accessKey, accessKeySecret, bearerToken } = options;
  return {
    options: resolved,
    credentials: { accessKey, accessKeySecret, bearerToken } satisfies GongMockCredentials,
    flowInstances: new FlowInstanceStore(),
    catalogue: new FlowCatalogue(),
    crm: new CrmProspects(),
    bulkAssignments: new BulkAssignments(resolved.bulkAssignments),
    limits: new CallLimits({ requestsPerSecond: resolved.rps, dailyQuota: resolved.dailyQuota, clock: resolved.clock }),
    faults: new FaultQueue(),
    counts: emptyCounts(),
  };
}

/** Counts a request, takes the faults that hit it, holds it if told, then responds and counts the status. */
async function handleRequest(
  parts: MockParts,
  held: HeldCalls,
  operation: MockOperationName,
  request: Request,
): Promise<Response> {
  const { clock } = parts.options;
  const call: MockRequest = {
    operation,
    request,
    requestId: newRequestId(),
    arrived: arrivalOf(request) ?? clock.now(),
  };
  countRequest(parts.counts, operation);
  // Taken now, so that the fault hits this request even if the response takes a while.
  const lose = parts.faults.take("loseAnswer", operation);
  const hold = parts.faults.take("hold", operation);
  const since = new Date(clock.now()).toISOString();
  const response = await heldThen(held, hold && { hold: hold.hold, operation, since }, call.requestId, () =>
    respond(parts, call),
  );
  countResponse(parts.counts, response);
  return lose ? withLostBody(response) : response;
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
      return errorResponse(503, requestId, ["The mock was reset while this call was held: nothing was done."]);
    return await act();
  } finally {
    ticket.done();
  }
}
