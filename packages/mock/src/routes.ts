import type { OperationName, paths } from "@gong-flows/client";

/**
 * The operations the mock serves, by operationId. The spec has more (flows, folders, steps, assigning);
 * requests to those are not intercepted yet.
 */
export const operationNames = [
  "listAssignedFlows",
  "unassignFlowsByCrmProspectId",
  "unassignFlowsByFlowInstanceIds",
  "assignProspects",
] as const satisfies readonly OperationName[];

/** An operation the mock serves. */
export type MockOperationName = (typeof operationNames)[number];

/** The path of each operation, checked against the spec's `paths` at compile time. */
export const operationPaths = {
  listAssignedFlows: "/v2/flows/prospects",
  unassignFlowsByCrmProspectId: "/v2/flows/prospects/unassign-flows-by-crm-id",
  unassignFlowsByFlowInstanceIds: "/v2/flows/prospects/unassign-flows-by-instance-id",
  assignProspects: "/v2/flows/prospects/assign",
} as const satisfies Record<MockOperationName, keyof paths>;

/** Gong's default base URL, where the handlers listen unless told otherwise. */
export const defaultBaseUrl = "https://api.gong.io";

/** The base URL without a trailing slash; refuses what MSW could not match on. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search || url.hash)
    throw new TypeError(`baseUrl must not have a query or fragment, got ${JSON.stringify(baseUrl)}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
