import type { OperationName, paths } from "@gong-flows/client";

/** Every operation of the spec, by operationId, in the spec's order: the mock serves them all. */
export const operationNames = [
  "listFlows",
  "listFlowFolders",
  "getFlowSteps",
  "listAssignedFlows",
  "unassignFlowsByCrmProspectId",
  "unassignFlowsByFlowInstanceIds",
  "assignProspects",
  "submitBulkAssignment",
  "getBulkAssignment",
] as const satisfies readonly OperationName[];

/** An operation the mock serves: every operation of the spec (the client's `OperationName`). */
export type MockOperationName = OperationName;

// An operation the spec gains and this list lacks fails to compile here.
const everyOperationListed: [Exclude<OperationName, (typeof operationNames)[number]>] extends [never] ? true : false =
  true;
void everyOperationListed;

/** The path of each operation, checked against the spec's `paths` at compile time. */
export const operationPaths = {
  listFlows: "/v2/flows",
  listFlowFolders: "/v2/flows/folders",
  getFlowSteps: "/v2/flows/steps",
  listAssignedFlows: "/v2/flows/prospects",
  unassignFlowsByCrmProspectId: "/v2/flows/prospects/unassign-flows-by-crm-id",
  unassignFlowsByFlowInstanceIds: "/v2/flows/prospects/unassign-flows-by-instance-id",
  assignProspects: "/v2/flows/prospects/assign",
  submitBulkAssignment: "/v2/flows/prospects/bulk-assignments",
  getBulkAssignment: "/v2/flows/prospects/bulk-assignments/{id}",
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
