import type { FlowFilter } from "../plan/filter.js";
import { targetKey, type CrmTarget } from "./crm-targets.js";
import type { InstanceTable } from "./instance-table.js";

/** A flow-instance file is its own plan: every instance in it, to send. */
export function planFileInstances(
  instances: InstanceTable,
  entries: readonly { id: string; crmProspectId?: string | undefined }[],
): void {
  for (const entry of entries) {
    instances.add(entry.id, {
      crmProspectId: entry.crmProspectId,
      flowId: undefined,
      status: undefined,
      outcome: "pending",
      run: 0,
    });
  }
}

/** by-crm-id plans without listing: one target per prospect, or per prospect and `--flow`. */
export function planCrmTargets(
  targets: Map<string, CrmTarget>,
  prospects: readonly string[],
  filter: FlowFilter,
): void {
  const flows = filter.flowIds.length === 0 ? [undefined] : filter.flowIds;
  for (const prospect of prospects) {
    for (const flowId of flows)
      targets.set(targetKey(prospect, flowId), { crmProspectId: prospect, flowId, outcome: "pending", run: 0 });
  }
}
