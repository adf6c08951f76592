import type { components } from "@gong-flows/client";
import type { GongMockData } from "./data-set.js";
import { defaultCrmProspects, defaultFlows, defaultFolders, defaultSteps } from "./default-flows.js";

export { defaultCrmProspects, defaultFlows, defaultFolders, defaultSteps };

type Schemas = components["schemas"];
/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = Schemas["AssignedFlow"];

const workspaceId = "623457276584334";
const owner = "test@test.com";

/**
 * The flow instances of the default data set: three prospects in five flow instances, each with
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
    flowInstanceOwnerEmail: owner,
    flowInstanceOwnerFullName: "Test User",
    flowInstanceCreateDate,
    flowInstanceStatus,
    workspaceId,
    exclusive,
  };
}

/** The whole default data set: what the mock serves when given no data. */
export const defaultDataSet: GongMockData = Object.freeze({
  assignedFlows: defaultAssignedFlows,
  flows: defaultFlows,
  folders: defaultFolders,
  steps: defaultSteps,
  crmProspects: defaultCrmProspects,
});
