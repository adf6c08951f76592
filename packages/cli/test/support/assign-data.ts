import type { GongMock } from "@gong-flows/mock";
import type { StartGongMockOptions } from "@gong-flows/mock/node";

/** The flow the assign tests put prospects into, with its first two steps. */
export const assignFlow = { id: "1695493301229990001", name: "Inbound follow-up" } as const;

/** The Gong user who owns the flow instances created. */
export const assignOwner = "rep@example.com";

/**
 * A data set of `count` CRM prospects the mock knows (`crm-0001`, …), a company flow to assign them to
 * and its steps; the first `alreadyInFlow` of them are in that flow already.
 */
export function assignDataSet(
  count: number,
  alreadyInFlow = 0,
  otherFlows: readonly { id: string; name: string }[] = [],
): { data: StartGongMockOptions; prospects: string[] } {
  const prospects = Array.from({ length: count }, (_, i) => `crm-${String(i + 1).padStart(4, "0")}`);
  const flow = {
    ...assignFlow,
    folderId: "1695493301223573465",
    folderName: "Outbound",
    visibility: "Company" as const,
  };
  const assignedFlows = prospects.slice(0, alreadyInFlow).map((crmProspectId, i) => ({
    flowId: assignFlow.id,
    flowName: assignFlow.name,
    crmProspectId,
    flowInstanceId: `seeded-${i + 1}`,
    flowInstanceStatus: "Running" as const,
    flowInstanceOwnerEmail: assignOwner,
  }));
  const steps = {
    [assignFlow.id]: [
      { id: "1695493301229990101", stepOrder: 1, action: "SEND_EMAIL" as const, subject: "Thanks for stopping by" },
      { id: "1695493301229990102", stepOrder: 2, action: "CALL" as const },
    ],
  };
  return {
    data: {
      assignedFlows,
      flows: [flow, ...otherFlows.map((other) => ({ ...other, visibility: "Company" as const }))],
      steps,
      crmProspects: prospects.map((crmId) => ({ crmId })),
    },
    prospects,
  };
}

/** How many flow instances of the assign flow the mock holds for each prospect (assigned ones). */
export function instancesPerProspect(mock: GongMock): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { assignedFlow, assigned } of mock.flowInstances()) {
    if (!assigned || assignedFlow.flowId !== assignFlow.id) continue;
    counts.set(assignedFlow.crmProspectId!, (counts.get(assignedFlow.crmProspectId!) ?? 0) + 1);
  }
  return counts;
}
