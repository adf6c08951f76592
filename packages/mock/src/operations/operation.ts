import type { operations } from "@gong-flows/client";
import type { BulkAssignments } from "../bulk-assignments.js";
import type { FlowCatalogue } from "../catalogue.js";
import type { CrmProspects } from "../crm.js";
import type { MockOperationName } from "../routes.js";
import type { MockCounts } from "../stats.js";
import type { FlowInstanceStore, Unassignment } from "../store.js";

type Operation<Name extends MockOperationName> = operations[Name];

/** The JSON body the spec defines for an operation's request (undefined for one that takes none). */
export type RequestBody<Name extends MockOperationName> = [NonNullable<Operation<Name>["requestBody"]>] extends [
  { content: { "application/json": infer Body } },
]
  ? Body
  : undefined;

/** The query parameters the spec defines for an operation (values parsed to the schema's types). */
export type RequestQuery<Name extends MockOperationName> = [
  NonNullable<Operation<Name>["parameters"]["query"]>,
] extends [never]
  ? Record<string, never>
  : NonNullable<Operation<Name>["parameters"]["query"]>;

/** The path parameters the spec defines for an operation. */
export type RequestPath<Name extends MockOperationName> = [NonNullable<Operation<Name>["parameters"]["path"]>] extends [
  never,
]
  ? Record<string, never>
  : NonNullable<Operation<Name>["parameters"]["path"]>;

/** A request that passed the shared steps: its body, query and path parameters, checked against the spec. */
export interface OperationRequest<Name extends MockOperationName> {
  readonly body: RequestBody<Name>;
  readonly query: RequestQuery<Name>;
  readonly path: RequestPath<Name>;
}

/** What an operation may read and change while it responds to one request. */
export interface OperationContext {
  /** The `requestId` of this response. */
  readonly requestId: string;
  /** The mock's clock now, as ISO 8601. */
  now(): string;
  /** The mock's clock now, in ms since the epoch. */
  nowMs(): number;
  /** Every flow instance the mock holds. */
  readonly flowInstances: FlowInstanceStore;
  /** The flows, folders and steps. */
  readonly catalogue: FlowCatalogue;
  /** The prospects the mock's CRM holds. */
  readonly crm: CrmProspects;
  /** The bulk assignments submitted. */
  readonly bulkAssignments: BulkAssignments;
  /** Items per page of the list operations. */
  readonly pageSize: number;
  /** The counters `stats()` reports. */
  readonly counts: MockCounts;
}

/**
 * One operation of Gong served by the mock: what it does once a request has passed credentials,
 * limits and the spec's request schema (those steps are shared, in `respond.ts`).
 */
export interface MockOperation<Name extends MockOperationName> {
  /** The HTTP method it is served on; other methods on its path get 405. */
  readonly method: "GET" | "POST";
  /** Acts on the mock's state and builds the 2xx response (or the operation's own 404). */
  respond(request: OperationRequest<Name>, context: OperationContext): Response;
}

/** Who unassigned, and when, for a request that unassigns. */
export function unassignmentOf(context: OperationContext, userEmail: string | undefined): Unassignment {
  return { at: context.now(), requestId: context.requestId, userEmail };
}
