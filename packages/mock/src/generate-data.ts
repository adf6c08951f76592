import type { components } from "@gong-flows/client";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/** Options of {@link generateAssignedFlows}. */
export interface GenerateAssignedFlowsOptions {
  /** How many prospects. */
  prospects: number;
  /**
   * Flow instances per prospect: a number, or `[min, max]` to cycle through min, min+1, …, max
   * prospect after prospect (so the total is known in advance). Default 1.
   */
  flowsPerProspect?: number | readonly [number, number];
  /** Prefix of the CRM prospect ids (`<prefix>00001`, …). Default `"prospect-"`. */
  prospectIdPrefix?: string;
  /** Prefix of the flow instance ids. Default `"instance-"`. */
  flowInstanceIdPrefix?: string;
}

const flowCatalogue = [
  { flowId: "1695493301223590792", flowName: "SDR Flow" },
  { flowId: "1695493301223590793", flowName: "Nurture Flow" },
  { flowId: "1695493301223590794", flowName: "Event Follow-up" },
  { flowId: "1695493301223590795", flowName: "Re-engagement" },
] as const;
const statuses = ["Running", "Pending", "Paused"] as const;

/**
 * Makes a data set of many flow instances, the same every time for the same options: prospect `i`
 * is in flows 1…k of a small catalogue, with every documented field filled in. For bulk tests and
 * benchmarks (`seed(generateAssignedFlows({ prospects: 10_000, flowsPerProspect: [1, 3] }))`).
 */
export function generateAssignedFlows(options: GenerateAssignedFlowsOptions): AssignedFlow[] {
  const {
    prospects,
    flowsPerProspect = 1,
    prospectIdPrefix = "prospect-",
    flowInstanceIdPrefix = "instance-",
  } = options;
  const [min, max] = typeof flowsPerProspect === "number" ? [flowsPerProspect, flowsPerProspect] : flowsPerProspect;
  if (!Number.isInteger(prospects) || prospects < 0)
    throw new RangeError(`prospects must be a whole number, 0 or more, got ${prospects}`);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min || max > flowCatalogue.length) {
    throw new RangeError(
      `flowsPerProspect must be whole numbers with 0 <= min <= max <= ${flowCatalogue.length}, got ${JSON.stringify(flowsPerProspect)}`,
    );
  }
  const width = Math.max(5, String(prospects).length);
  const out: AssignedFlow[] = [];
  let instance = 0;
  for (let p = 0; p < prospects; p++) {
    const crmProspectId = `${prospectIdPrefix}${String(p + 1).padStart(width, "0")}`;
    const count = min + (p % (max - min + 1));
    for (let f = 0; f < count; f++) {
      const { flowId, flowName } = flowCatalogue[f]!;
      instance++;
      out.push({
        flowId,
        flowName,
        crmProspectId,
        flowInstanceId: `${flowInstanceIdPrefix}${String(instance).padStart(width + 1, "0")}`,
        flowInstanceOwnerEmail: "owner@example.com",
        flowInstanceOwnerFullName: "Flow Owner",
        flowInstanceCreateDate: new Date(Date.UTC(2025, 0, 1) + instance * 60_000).toISOString(),
        flowInstanceStatus: statuses[instance % statuses.length]!,
        workspaceId: "623457276584334",
        exclusive: f === 0,
      });
    }
  }
  return out;
}
