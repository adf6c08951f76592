// The client's public types follow the spec: each is checked against the types generated from it
// (`components`, `operations`), never against a list of fields written here again, so that an
// additive edit of the spec (a new optional response property) compiles and passes untouched. The
// generated types themselves are held to the spec by the contract suite's check 6.
import { describe, expectTypeOf, it } from "vitest";
import {
  createGongFlowsClient,
  type GongApiError,
  type GongBatchError,
  type GongError,
  type GongRateLimitError,
  type AssignedFlow,
  type components,
  type FlowInstanceStatus,
  type GongValidationIssue,
  type ListAssignedFlowsInput,
  type ListAssignedFlowsResult,
  type operations,
  type UnassignByCrmProspectIdInput,
  type UnassignByCrmProspectIdResult,
  type UnassignByFlowInstanceIdsInput,
  type UnassignByFlowInstanceIdsResult,
} from "../src/index.js";

const gong = createGongFlowsClient({ auth: { bearerToken: "t" } });

type JsonBody<Op extends keyof operations> = operations[Op]["requestBody"] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
type JsonAnswer<Op extends keyof operations> = operations[Op]["responses"] extends {
  200: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
type Listed = NonNullable<JsonAnswer<"listAssignedFlows">["prospectsAssigned"]>[number];

describe("types from the spec", () => {
  it("type an assigned flow as the spec's list item: the same fields, every one optional, each at least as wide", () => {
    expectTypeOf<keyof AssignedFlow>().toEqualTypeOf<keyof Listed>();
    expectTypeOf<Partial<AssignedFlow>>().toEqualTypeOf<AssignedFlow>();
    expectTypeOf<Listed>().toExtend<AssignedFlow>();
  });

  it("accept every flow status the spec documents", () => {
    expectTypeOf<components["schemas"]["FlowInstanceStatus"]>().toExtend<FlowInstanceStatus>();
    expectTypeOf<components["schemas"]["FlowInstanceStatus"]>().toExtend<
      NonNullable<AssignedFlow["flowInstanceStatus"]>
    >();
  });

  it("take exactly the spec's request bodies as method inputs", () => {
    // The list operation's body has two forms; the method takes the form by CRM prospect id.
    expectTypeOf<ListAssignedFlowsInput>().toEqualTypeOf<components["schemas"]["ListAssignedFlowsRequest"]>();
    expectTypeOf<ListAssignedFlowsInput>().toExtend<JsonBody<"listAssignedFlows">>();
    expectTypeOf<UnassignByCrmProspectIdInput>().toEqualTypeOf<JsonBody<"unassignFlowsByCrmProspectId">>();
    expectTypeOf<UnassignByFlowInstanceIdsInput>().toEqualTypeOf<JsonBody<"unassignFlowsByFlowInstanceIds">>();
  });
});

describe("method inputs", () => {
  it("accept the documented bodies", () => {
    void gong.listAssignedFlows({ crmProspectsIds: ["a"] });
    void gong.unassignByCrmProspectId({ crmProspectId: "a" });
    void gong.unassignByCrmProspectId({ crmProspectId: "a", flowId: "f", unassignedByUserEmail: "u@example.com" });
    void gong.unassignByFlowInstanceIds({ flowInstanceIds: ["1"], unassignedByUserEmail: "u@example.com" });
  });

  it("reject wrong bodies at compile time", () => {
    // @ts-expect-error the list request's property is crmProspectsIds, not crmProspectIds
    void gong.listAssignedFlows({ crmProspectIds: ["a"] });
    // @ts-expect-error crmProspectId is a single string, not an array
    void gong.unassignByCrmProspectId({ crmProspectId: ["a"] });
    // @ts-expect-error crmProspectId is required
    void gong.unassignByCrmProspectId({ flowId: "f" });
    // @ts-expect-error ids are strings
    void gong.unassignByFlowInstanceIds({ flowInstanceIds: [1] });
    // @ts-expect-error no unknown properties
    void gong.unassignByFlowInstanceIds({ flowInstanceIds: ["1"], force: true });
  });

  it("reject wrong bodies through raw too", () => {
    void gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } });
    // @ts-expect-error the body of this path needs flowInstanceIds
    void gong.raw.POST("/v2/flows/prospects/unassign-flows-by-instance-id", { body: { crmProspectId: "a" } });
    // @ts-expect-error the spec has no such path
    void gong.raw.POST("/v2/flows", { body: {} });
  });
});

describe("method results", () => {
  it("resolve with the documented result types", () => {
    expectTypeOf(gong.listAssignedFlows).returns.resolves.toEqualTypeOf<ListAssignedFlowsResult>();
    expectTypeOf(gong.unassignByCrmProspectId).returns.resolves.toEqualTypeOf<UnassignByCrmProspectIdResult>();
    expectTypeOf(gong.unassignByFlowInstanceIds).returns.resolves.toEqualTypeOf<UnassignByFlowInstanceIdsResult>();
  });

  it("carry the flows, the ids and Gong's request ids, typed", () => {
    expectTypeOf<ListAssignedFlowsResult>().toHaveProperty("flows").toEqualTypeOf<AssignedFlow[]>();
    expectTypeOf<ListAssignedFlowsResult>().toHaveProperty("requestIds").toEqualTypeOf<string[]>();
    expectTypeOf<UnassignByCrmProspectIdResult>().toHaveProperty("unassignedFlowInstanceIds").toEqualTypeOf<string[]>();
    expectTypeOf<UnassignByCrmProspectIdResult>().toHaveProperty("requestId").toEqualTypeOf<string | undefined>();
    expectTypeOf<UnassignByFlowInstanceIdsResult>()
      .toHaveProperty("unassignedFlowInstanceIds")
      .toEqualTypeOf<string[]>();
    expectTypeOf<UnassignByFlowInstanceIdsResult>()
      .toHaveProperty("notUnassignedFlowInstanceIds")
      .toEqualTypeOf<string[]>();
    expectTypeOf<UnassignByFlowInstanceIdsResult>().toHaveProperty("requestIds").toEqualTypeOf<string[]>();
  });

  it("type raw results as the spec's answer", async () => {
    const { data } = await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } });
    expectTypeOf(data).toEqualTypeOf<JsonAnswer<"listAssignedFlows"> | undefined>();
  });
});

describe("errors", () => {
  it("form one hierarchy with typed fields", () => {
    expectTypeOf<GongRateLimitError>().toExtend<GongApiError>();
    expectTypeOf<GongApiError>().toExtend<GongError>();
    expectTypeOf<GongBatchError>().toExtend<GongError>();
    expectTypeOf<GongRateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GongApiError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GongBatchError["unprocessedIds"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<GongValidationIssue>().toHaveProperty("path").toEqualTypeOf<string>();
    expectTypeOf<GongValidationIssue>().toHaveProperty("message").toEqualTypeOf<string>();
  });
});
