import { type MockOperationName, operationPaths } from "./routes.js";
import { validateRequestBody } from "@gong-flows/client";
import type { BulkAssignments } from "./bulk-assignments.js";
import type { FlowCatalogue } from "./catalogue.js";
import { type GongMockCredentials, checkCredentials } from "./credentials.js";
import type { CrmProspects } from "./crm.js";
import type { FaultQueue } from "./faults.js";
import type { GongMockIssue } from "./issues.js";
import type { CallLimits } from "./limits.js";
import { mockOperations } from "./operations/index.js";
import type { OperationContext, OperationRequest } from "./operations/operation.js";
import type { ResolvedGongMockOptions } from "./options.js";
import { readParameters } from "./parameters.js";
import { errorResponse } from "./responses.js";
import type { MockCounts } from "./stats.js";
import type { FlowInstanceStore } from "./store.js";

/** The parts of one mock that a request goes through. */
export interface MockParts {
  readonly options: ResolvedGongMockOptions;
  readonly credentials: GongMockCredentials;
  readonly flowInstances: FlowInstanceStore;
  readonly catalogue: FlowCatalogue;
  readonly crm: CrmProspects;
  readonly bulkAssignments: BulkAssignments;
  readonly limits: CallLimits;
  readonly faults: FaultQueue;
  counts: MockCounts;
}

/** One request as it reaches the steps below: routed, counted, with its id and arrival time. */
export interface MockRequest {
  readonly operation: MockOperationName;
  readonly request: Request;
  readonly requestId: string;
  /** When it arrived (the mock's clock): Gong's limits count a call then. */
  readonly arrived: number;
}

/**
 * Responds to one request as Gong would, in order: added latency, a queued status fault, credentials
 * (401), the daily quota and the rate limit (429), the parameters and the body (400), then the
 * operation on the state (bulk assignments brought up to the clock's now first).
 */
export async function respond(parts: MockParts, call: MockRequest): Promise<Response> {
  await addedLatency(parts, call);
  const refusal = forcedResponse(parts, call) ?? refusedCredentials(parts, call) ?? refusedByLimits(parts, call);
  if (refusal) return refusal;
  const request = await readRequest(call);
  if (request instanceof Response) return request;
  parts.bulkAssignments.advance(parts.options.clock.now(), parts);
  return respondWith(call.operation, request, operationContext(parts, call));
}

/** The parameters and the body, checked against the spec, or the 400 response that refuses them. */
async function readRequest(call: MockRequest): Promise<CheckedRequest | Response> {
  const parameters = readParameters(call.operation, operationPaths[call.operation], new URL(call.request.url));
  if (Array.isArray(parameters)) return badRequest(call.requestId, parameters);
  if (mockOperations[call.operation].method === "GET") return { ...parameters, body: undefined };
  const body = await readRequestBody(call);
  if (body instanceof Response) return body;
  return { ...parameters, body };
}

/** A request whose parameters and body passed the spec's schemas, before it is typed by its operation. */
interface CheckedRequest {
  readonly body: unknown;
  readonly query: Record<string, unknown>;
  readonly path: Record<string, string>;
}

function badRequest(requestId: string, issues: readonly GongMockIssue[]): Response {
  return errorResponse(
    400,
    requestId,
    issues.map((issue) => `${issue.path || "(body)"}: ${issue.message}`),
  );
}

async function addedLatency(parts: MockParts, { operation }: MockRequest): Promise<void> {
  const latency = parts.options.latencyMs + (parts.faults.take("latency", operation)?.latencyMs ?? 0);
  if (latency > 0) await parts.options.clock.sleep(latency);
}

/** The response of a status fault: its status and errors, `Retry-After` as it says (1 s on a 429 by default). */
function forcedResponse(parts: MockParts, { operation, requestId }: MockRequest): Response | undefined {
  const forced = parts.faults.take("status", operation);
  if (!forced) return undefined;
  const retryAfter = forced.retryAfterSeconds ?? (forced.status === 429 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  return errorResponse(forced.status, requestId, forced.errors ?? [`Injected fault: status ${forced.status}`], headers);
}

function refusedCredentials(parts: MockParts, { request, requestId }: MockRequest): Response | undefined {
  const verdict = checkCredentials(request.headers.get("authorization"), parts.credentials);
  return verdict.ok ? undefined : errorResponse(401, requestId, [verdict.error]);
}

function refusedByLimits(parts: MockParts, { arrived, requestId }: MockRequest): Response | undefined {
  const admission = parts.limits.admit(arrived);
  if (admission.admitted) return undefined;
  const why =
    admission.limit === "dailyQuota"
      ? `API daily quota of ${parts.options.dailyQuota} calls exceeded; it renews at midnight UTC.`
      : `API rate limit of ${parts.options.rps} calls per second exceeded.`;
  return errorResponse(429, requestId, [why], { "retry-after": String(admission.retryAfterSeconds) });
}

/** The JSON body, or the 400 response that refuses it. */
async function readRequestBody({ operation, request, requestId }: MockRequest): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType.trim())) {
    const not = contentType ? `, not ${contentType}` : "";
    return errorResponse(400, requestId, [`Content-Type must be application/json${not}.`]);
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return errorResponse(400, requestId, ["The request body is not valid JSON."]);
  }
  // The client's own pre-send check: one home for the spec's request rules, so the mock refuses
  // exactly what the client would not send.
  const issues = validateRequestBody(operation, body);
  return issues.length === 0 ? body : badRequest(requestId, issues);
}

function operationContext(parts: MockParts, { requestId }: MockRequest): OperationContext {
  const { clock } = parts.options;
  return {
    requestId,
    now: () => new Date(clock.now()).toISOString(),
    nowMs: () => clock.now(),
    flowInstances: parts.flowInstances,
    catalogue: parts.catalogue,
    crm: parts.crm,
    bulkAssignments: parts.bulkAssignments,
    pageSize: parts.options.pageSize,
    counts: parts.counts,
  };
}

/** Hands a request that passed the spec's schemas to its operation (typed by the operation it was checked for). */
function respondWith<Name extends MockOperationName>(
  name: Name,
  request: CheckedRequest,
  context: OperationContext,
): Response {
  return mockOperations[name].respond(request as OperationRequest<Name>, context);
}
