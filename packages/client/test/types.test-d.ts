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
  type ListAssignedFlowsResult,
  type UnassignByCrmProspectIdResult,
  type UnassignByFlowInstanceIdsResult,
} from "../src/index.js";

const gong = createGongFlowsClient({ auth: { bearerToken: "t" } });

describe("generated types", () => {
  it("types the flow instance status as the documented values, open to the ones Gong adds", () => {
    expectTypeOf<FlowInstanceStatus>().toEqualTypeOf<"Running" | "Pending" | "Paused" | (string & {})>();
    expectTypeOf<AssignedFlow["flowInstanceStatus"]>().toEqualTypeOf<"Running" | "Pending" | "Paused" | (string & {}) | undefined>();
  });

  it("types every documented field of an assigned flow, all optional (responses are tolerant)", () => {
    expectTypeOf<AssignedFlow>().toEqualTypeOf<{
      flowId?: string;
      flowName?: string;
      crmProspectId?: string;
      flowInstanceId?: string;
      flowInstanceOwnerEmail?: string;
      flowInstanceOwnerFullName?: string;
      flowInstanceCreateDate?: string;
      flowInstanceStatus?: FlowInstanceStatus;
      workspaceId?: string;
      exclusive?: boolean;
    }>();
  });

  it("spells the list request's array crmProspectsIds", () => {
    expectTypeOf<components["schemas"]["ListAssignedFlowsRequest"]>().toEqualTypeOf<{ crmProspectsIds: string[] }>();
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
  it("have the documented types", () => {
    expectTypeOf(gong.listAssignedFlows).returns.resolves.toEqualTypeOf<ListAssignedFlowsResult>();
    expectTypeOf<ListAssignedFlowsResult>().toEqualTypeOf<{ flows: AssignedFlow[]; requestIds: string[] }>();
    expectTypeOf(gong.unassignByCrmProspectId).returns.resolves.toEqualTypeOf<UnassignByCrmProspectIdResult>();
    expectTypeOf<UnassignByCrmProspectIdResult>().toEqualTypeOf<{ unassignedFlowInstanceIds: string[]; requestId: string | undefined; unconfirmed?: true }>();
    expectTypeOf(gong.unassignByFlowInstanceIds).returns.resolves.toEqualTypeOf<UnassignByFlowInstanceIdsResult>();
    expectTypeOf<UnassignByFlowInstanceIdsResult>().toEqualTypeOf<{
      unassignedFlowInstanceIds: string[];
      notUnassignedFlowInstanceIds: string[];
      unconfirmedFlowInstanceIds: string[];
      requestIds: string[];
    }>();
  });

  it("types raw results from the spec", async () => {
    const { data } = await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } });
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["ListAssignedFlowsResponse"] | undefined>();
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
    expectTypeOf<GongValidationIssue>().toEqualTypeOf<{ readonly path: string; readonly message: string }>();
  });
});
