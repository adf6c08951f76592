// Check 6: the types generated from the spec say what the spec says. What types cannot express
// (minItems, the 200-id cap, minLength, the email format) is held at run time by checks 3 and 5.
import type { components, operations, paths } from "@gong-flows/client";
import { describe, expectTypeOf, it } from "vitest";

type JsonBody<Op extends keyof operations> = operations[Op]["requestBody"] extends { content: { "application/json": infer Body } } ? Body : never;
type Responses<Op extends keyof operations> = operations[Op]["responses"];
type JsonAnswer<Op extends keyof operations, Status extends keyof Responses<Op>> = Responses<Op>[Status] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
type ErrorBody = components["schemas"]["ErrorResponse"];
// The generated types, as the spec writes them. (The client's named AssignedFlow and FlowInstanceStatus
// widen the status to the values Gong adds, which the client passes through: not the contract's concern.)
type AssignedFlow = components["schemas"]["AssignedFlow"];
type FlowInstanceStatus = components["schemas"]["FlowInstanceStatus"];

describe("check 6: the types keep the contract", () => {
  it("have exactly the spec's paths, each with POST and no other method", () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      "/v2/flows/prospects" | "/v2/flows/prospects/unassign-flows-by-crm-id" | "/v2/flows/prospects/unassign-flows-by-instance-id"
    >();
    expectTypeOf<paths["/v2/flows/prospects"]["post"]>().toEqualTypeOf<operations["listAssignedFlows"]>();
    expectTypeOf<paths["/v2/flows/prospects/unassign-flows-by-crm-id"]["post"]>().toEqualTypeOf<operations["unassignFlowsByCrmProspectId"]>();
    expectTypeOf<paths["/v2/flows/prospects/unassign-flows-by-instance-id"]["post"]>().toEqualTypeOf<operations["unassignFlowsByFlowInstanceIds"]>();
    expectTypeOf<paths["/v2/flows/prospects"]["get"]>().toEqualTypeOf<undefined>();
  });

  it("list each operation's documented statuses, and no other (403 only for the list)", () => {
    expectTypeOf<keyof Responses<"listAssignedFlows">>().toEqualTypeOf<200 | 400 | 401 | 403 | 429 | 500>();
    expectTypeOf<keyof Responses<"unassignFlowsByCrmProspectId">>().toEqualTypeOf<200 | 400 | 401 | 429 | 500>();
    expectTypeOf<keyof Responses<"unassignFlowsByFlowInstanceIds">>().toEqualTypeOf<200 | 400 | 401 | 429 | 500>();
  });

  it("require a JSON request body for every operation", () => {
    expectTypeOf<undefined extends operations["listAssignedFlows"]["requestBody"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<undefined extends operations["unassignFlowsByCrmProspectId"]["requestBody"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<undefined extends operations["unassignFlowsByFlowInstanceIds"]["requestBody"] ? true : false>().toEqualTypeOf<false>();
  });

  it("make exactly the documented request fields required, and the rest optional", () => {
    expectTypeOf<JsonBody<"listAssignedFlows">>().toEqualTypeOf<{ crmProspectsIds: string[] }>();
    expectTypeOf<JsonBody<"unassignFlowsByCrmProspectId">>().toEqualTypeOf<{
      crmProspectId: string;
      flowId?: string;
      unassignedByUserEmail?: string;
    }>();
    expectTypeOf<JsonBody<"unassignFlowsByFlowInstanceIds">>().toEqualTypeOf<{
      flowInstanceIds: string[];
      unassignedByUserEmail?: string;
    }>();
  });

  it("make every response field optional (responses are tolerant: the spec requires none)", () => {
    expectTypeOf<JsonAnswer<"listAssignedFlows", 200>>().toEqualTypeOf<{ requestId?: string; prospectsAssigned?: AssignedFlow[] }>();
    expectTypeOf<JsonAnswer<"unassignFlowsByCrmProspectId", 200>>().toEqualTypeOf<{ requestId?: string; unassignedFlowInstanceIds?: string[] }>();
    expectTypeOf<JsonAnswer<"unassignFlowsByFlowInstanceIds", 200>>().toEqualTypeOf<{ requestId?: string; unassignedFlowInstanceIds?: string[] }>();
    expectTypeOf<Required<AssignedFlow>>().toEqualTypeOf<{
      flowId: string;
      flowName: string;
      crmProspectId: string;
      flowInstanceId: string;
      flowInstanceOwnerEmail: string;
      flowInstanceOwnerFullName: string;
      flowInstanceCreateDate: string;
      flowInstanceStatus: FlowInstanceStatus;
      workspaceId: string;
      exclusive: boolean;
    }>();
    expectTypeOf<Record<never, never>>().toExtend<AssignedFlow>();
  });

  it("give every error status Gong's error body", () => {
    expectTypeOf<JsonAnswer<"listAssignedFlows", 400>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<JsonAnswer<"listAssignedFlows", 401>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<JsonAnswer<"listAssignedFlows", 403>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<JsonAnswer<"listAssignedFlows", 429>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<JsonAnswer<"unassignFlowsByFlowInstanceIds", 500>>().toEqualTypeOf<ErrorBody>();
    expectTypeOf<ErrorBody>().toEqualTypeOf<{ requestId?: string; errors?: string[] }>();
  });

  it("type the flow instance status as the closed union of the documented values", () => {
    expectTypeOf<FlowInstanceStatus>().toEqualTypeOf<"Running" | "Pending" | "Paused">();
    expectTypeOf<AssignedFlow["flowInstanceStatus"]>().toEqualTypeOf<FlowInstanceStatus | undefined>();
    // @ts-expect-error "Stopped" is not a documented status
    const stopped: FlowInstanceStatus = "Stopped";
    void stopped;
  });

  it("type a 429's Retry-After header as a required number", () => {
    type Headers429 = Responses<"listAssignedFlows">[429]["headers"];
    expectTypeOf<Headers429["Retry-After"]>().toEqualTypeOf<number>();
    expectTypeOf<undefined extends Headers429["Retry-After"] ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<Responses<"unassignFlowsByCrmProspectId">[429]["headers"]["Retry-After"]>().toEqualTypeOf<number>();
  });

  it("refuse request bodies that break the spec", () => {
    // @ts-expect-error crmProspectsIds is required
    const missing: JsonBody<"listAssignedFlows"> = {};
    // @ts-expect-error the documented spelling is crmProspectsIds (the unassign request takes crmProspectId)
    const misspelled: JsonBody<"listAssignedFlows"> = { crmProspectIds: ["a5V1Q00A120DP4CVAW"] };
    // @ts-expect-error crmProspectId is one id, not a list
    const list: JsonBody<"unassignFlowsByCrmProspectId"> = { crmProspectId: ["a5V1Q00A120DP4CVAW"] };
    // @ts-expect-error crmProspectId is required, even with a flowId
    const noProspect: JsonBody<"unassignFlowsByCrmProspectId"> = { flowId: "1695493301223590792" };
    // @ts-expect-error flow instance ids are strings
    const numbers: JsonBody<"unassignFlowsByFlowInstanceIds"> = { flowInstanceIds: [234599484848423] };
    // @ts-expect-error no property beyond the spec's (additionalProperties: false)
    const unknown: JsonBody<"unassignFlowsByFlowInstanceIds"> = { flowInstanceIds: ["234599484848423"], force: true };
    // @ts-expect-error the email is a string
    const email: JsonBody<"unassignFlowsByFlowInstanceIds"> = { flowInstanceIds: ["234599484848423"], unassignedByUserEmail: true };
    void [missing, misspelled, list, noProspect, numbers, unknown, email];
  });
});
