import type { paths } from "@gong-flows/client";
import type { MockOperationName } from "../routes.js";
import type { FlowInstanceStore, Unassignment } from "../store.js";
import type { operationPaths } from "../routes.js";
import type { MockCounts } from "../stats.js";

/** The JSON body the spec defines for an operation's request. */
export type RequestBody<Name extends MockOperationName> = NonNullable<
  paths[(typeof operationPaths)[Name]]["post"]["requestBody"]
>["content"]["application/json"];

/** What an operation may read and change while it responds to one request. */
export interface OperationContext {
  /** The `requestId` of this response. */
  readonly requestId: string;
  /** The mock's clock now, as ISO 8601. */
  now(): string;
  /** Every flow instance the mock holds. */
  readonly flowInstances: FlowInstanceStore;
  /** The counters `stats()` reports. */
  readonly counts: MockCounts;
}

/**
 * One operation of Gong served by the mock: what it does once a request has passed credentials,
 * limits and the spec's request schema (those steps are shared, in `respond.ts`).
 */
export interface MockOperation<Name extends MockOperationName> {
  /** The HTTP method it is served on; other methods on its path get 405. */
  readonly method: "POST";
  /** Acts on the mock's state and builds the 2xx response. */
  respond(body: RequestBody<Name>, context: OperationContext): Response;
}

/** Who unassigned, and when, for a request that unassigns. */
export function unassignmentOf(context: OperationContext, userEmail: string | undefined): Unassignment {
  return { at: context.now(), requestId: context.requestId, userEmail };
}
