import type { components } from "@gong-flows/client";
import { GongMockInputError, type GongMockIssue } from "./issues.js";
import { schemaValidator } from "./schema-validator.js";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/** What `--data FILE`, `POST /_mock/seed` and {@link parseDataSet} read: `{ "assignedFlows": [...] }`. */
export interface GongMockDataSet {
  /** The flow instances the mock starts with, each in the spec's AssignedFlow shape. */
  assignedFlows: AssignedFlow[];
}

/**
 * The fields a flow instance must have for the mock to hold it: its own id, its prospect's and its
 * flow's (the three operations address instances by them). A mock rule, not the spec's: Gong's
 * answers promise no field, but a flow instance without these could never be listed or unassigned.
 */
export const identityFields = ["flowInstanceId", "crmProspectId", "flowId"] as const;

/** A data set: each flow instance valid against the spec's AssignedFlow, and identified. */
const dataSetSchema = {
  type: "object",
  additionalProperties: false,
  required: ["assignedFlows"],
  properties: {
    assignedFlows: {
      type: "array",
      items: {
        type: "object",
        $ref: "urn:gong-flows:spec#/$defs/AssignedFlow",
        required: [...identityFields],
        properties: {
          ...Object.fromEntries(identityFields.map((field) => [field, { type: "string", minLength: 1 }])),
          // The mock's own data is held to ISO-8601 (RFC 3339: a date, a time and an offset), as Gong's
          // page describes the field; the spec itself, and so the client, stays tolerant of what Gong sends.
          flowInstanceCreateDate: { type: "string", format: "date-time" },
        },
      },
    },
  },
};

const validateDataSet = schemaValidator(dataSetSchema);

/**
 * Checks a data set against the spec's AssignedFlow schema (plus the mock's own rules: the
 * {@link identityFields}, non-empty and with no flow instance id twice, and ISO-8601 creation dates)
 * and returns its flow instances.
 *
 * @param source - names the input in the error: a file name, `assignedFlows`, …
 * @throws {@link GongMockInputError} listing every problem with its JSON pointer.
 */
export function parseDataSet(value: unknown, source = "data set"): AssignedFlow[] {
  // Every problem at once: the schema's and the repeated ids, so that one edit fixes the file.
  const issues: GongMockIssue[] = [...validateDataSet(value), ...repeatedIds(value)];
  if (issues.length > 0) throw new GongMockInputError(source, issues);
  return (value as GongMockDataSet).assignedFlows.map((flow) => ({ ...flow }));
}

/** A flow instance id given twice, for each flow instance of the data set that has a string id. */
function repeatedIds(value: unknown): GongMockIssue[] {
  const flows = (value as { assignedFlows?: unknown } | null)?.assignedFlows;
  if (!Array.isArray(flows)) return [];
  const issues: GongMockIssue[] = [];
  const firstIndex = new Map<string, number>();
  flows.forEach((flow: unknown, index) => {
    const id = (flow as { flowInstanceId?: unknown } | null)?.flowInstanceId;
    if (typeof id !== "string" || id === "") return;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, index);
    else
      issues.push({
        path: `/assignedFlows/${index}/flowInstanceId`,
        message: `${JSON.stringify(id)} is already the id of /assignedFlows/${earlier}`,
      });
  });
  return issues;
}

/**
 * The data set the mock serves when given none: three prospects in five flow instances, each with
 * all ten documented fields (the first is the spec's own example).
 *
 * | prospect | flow | instance | status |
 * |---|---|---|---|
 * | `a5V1Q00A120DP4CVAW` | SDR Flow (`1695493301223590792`) | `1234361284629356` | Running |
 * | `a5V1Q00A120DP4CVAW` | Nurture Flow (`1695493301223590793`) | `1234361284629357` | Paused |
 * | `00Q5e00000ABCDEF` | SDR Flow | `1234361284629358` | Running |
 * | `00Q5e00000ABCDEF` | Event Follow-up (`1695493301223590794`) | `1234361284629359` | Pending |
 * | `0035e00000AbCdE` | Nurture Flow | `1234361284629360` | Running |
 */
export const defaultAssignedFlows: readonly Readonly<AssignedFlow>[] = Object.freeze(
  [
    flow(
      "1695493301223590792",
      "SDR Flow",
      "a5V1Q00A120DP4CVAW",
      "1234361284629356",
      "Running",
      "2019-01-20T00:00:00-08:00",
      true,
    ),
    flow(
      "1695493301223590793",
      "Nurture Flow",
      "a5V1Q00A120DP4CVAW",
      "1234361284629357",
      "Paused",
      "2024-01-17T16:20:05-03:00",
      false,
    ),
    flow(
      "1695493301223590792",
      "SDR Flow",
      "00Q5e00000ABCDEF",
      "1234361284629358",
      "Running",
      "2016-02-16T03:57:04.834+05:30",
      true,
    ),
    flow(
      "1695493301223590794",
      "Event Follow-up",
      "00Q5e00000ABCDEF",
      "1234361284629359",
      "Pending",
      "2020-11-20T21:30:07.233692Z",
      false,
    ),
    flow(
      "1695493301223590793",
      "Nurture Flow",
      "0035e00000AbCdE",
      "1234361284629360",
      "Running",
      "2025-03-04T09:15:00Z",
      false,
    ),
  ].map((f) => Object.freeze(f)),
);

function flow(
  flowId: string,
  flowName: string,
  crmProspectId: string,
  flowInstanceId: string,
  flowInstanceStatus: AssignedFlow["flowInstanceStatus"] & string,
  flowInstanceCreateDate: string,
  exclusive: boolean,
): AssignedFlow {
  return {
    flowId,
    flowName,
    crmProspectId,
    flowInstanceId,
    flowInstanceOwnerEmail: "test@test.com",
    flowInstanceOwnerFullName: "Test User",
    flowInstanceCreateDate,
    flowInstanceStatus,
    workspaceId: "623457276584334",
    exclusive,
  };
}

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
