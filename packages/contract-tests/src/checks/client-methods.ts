import type {
  GongFlowsClient,
  ListAssignedFlowsInput,
  UnassignByCrmProspectIdInput,
  UnassignByFlowInstanceIdsInput,
} from "@gong-flows/client";

/**
 * How the client calls each operation of the spec it has a method for. The suite checks exactly these
 * operations; any other operation of the spec is reported as a skipped case (not checked yet).
 */
export const clientMethods: Record<string, (client: GongFlowsClient, input: unknown) => Promise<unknown>> = {
  listAssignedFlows: (client, input) => client.listAssignedFlows(input as ListAssignedFlowsInput),
  unassignFlowsByCrmProspectId: (client, input) =>
    client.unassignByCrmProspectId(input as UnassignByCrmProspectIdInput),
  unassignFlowsByFlowInstanceIds: (client, input) =>
    client.unassignByFlowInstanceIds(input as UnassignByFlowInstanceIdsInput),
};
