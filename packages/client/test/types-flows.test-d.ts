// Types of the flow, assign and bulk-assignment methods: inputs as the spec writes them, results as the
// client builds them, answers' enums open.
import { describe, expectTypeOf, it } from "vitest";
import {
  type AssignedFlow,
  type AssignmentFailure,
  type AssignProspectsResult,
  type BulkAssignment,
  type BulkAssignmentStatus,
  createGongFlowsClient,
  type Flow,
  type FlowFolder,
  type FlowFoldersPage,
  type FlowsPage,
  type FlowWithSteps,
  type GetFlowStepsResult,
  type GongApiError,
  type GongBulkAssignmentTimeoutError,
  type GongPager,
  type GongUnknownFlowsError,
  gongLimits,
  type ListAssignedFlowsResult,
} from "../src/index.js";

const gong = createGongFlowsClient({ auth: { bearerToken: "t" } });

describe("listFlows and listFlowFolders", () => {
  it("iterate over flows and folders, and give pages", () => {
    expectTypeOf(gong.listFlows({ flowOwnerEmail: "o@example.com" })).toEqualTypeOf<GongPager<Flow, FlowsPage>>();
    expectTypeOf(gong.listFlows({ flowOwnerEmail: "o@example.com" })).toExtend<AsyncIterable<Flow>>();
    expectTypeOf(gong.listFlowFolders({ flowFolderOwnerEmail: "o@example.com" })).toExtend<AsyncIterable<FlowFolder>>();
    expectTypeOf(
      gong.listFlowsPage({ flowOwnerEmail: "o@example.com", cursor: "c" }),
    ).resolves.toEqualTypeOf<FlowsPage>();
    expectTypeOf<FlowsPage["nextCursor"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FlowFoldersPage["folders"]>().toEqualTypeOf<FlowFolder[]>();
  });

  it("require the owner's email, and take no cursor where the iterator follows it", () => {
    // @ts-expect-error flowOwnerEmail is required
    gong.listFlows({});
    // @ts-expect-error the iterator follows the cursor itself
    gong.listFlows({ flowOwnerEmail: "o@example.com", cursor: "c" });
    // @ts-expect-error mostRecentlyAssigned is a boolean
    gong.listFlowsPage({ flowOwnerEmail: "o@example.com", mostRecentlyAssigned: "true" });
  });

  it("open the visibility enum of answers", () => {
    expectTypeOf<"Company" | "Personal" | "Shared" | "AnythingNew">().toExtend<NonNullable<Flow["visibility"]>>();
  });
});

describe("assignProspects", () => {
  it("takes the spec's body and returns the three lists", () => {
    expectTypeOf(
      gong.assignProspects({ flowId: "f", flowInstanceOwnerEmail: "o@example.com", crmProspectsIds: ["a"] }),
    ).resolves.toEqualTypeOf<AssignProspectsResult>();
    expectTypeOf<AssignProspectsResult["assigned"]>().toEqualTypeOf<AssignedFlow[]>();
    expectTypeOf<AssignProspectsResult["notAssigned"]>().toEqualTypeOf<AssignmentFailure[]>();
    expectTypeOf<AssignProspectsResult["unconfirmedCrmProspectIds"]>().toEqualTypeOf<string[]>();
    expectTypeOf<"InvalidState" | "SomethingNew">().toExtend<NonNullable<AssignmentFailure["errorCode"]>>();
    // @ts-expect-error Gong's spelling: crmProspectsIds
    gong.assignProspects({ flowId: "f", flowInstanceOwnerEmail: "o@example.com", crmProspectIds: ["a"] });
  });

  it("lists flow instances by id with the same result", () => {
    expectTypeOf(gong.listAssignedFlows({ flowInstanceIds: ["i"] })).resolves.toEqualTypeOf<ListAssignedFlowsResult>();
  });
});

describe("getFlowSteps", () => {
  it("returns flows with steps, and types the 404", () => {
    expectTypeOf(gong.getFlowSteps({ flowIds: ["f"] })).resolves.toEqualTypeOf<GetFlowStepsResult>();
    expectTypeOf<GetFlowStepsResult["flows"]>().toEqualTypeOf<FlowWithSteps[]>();
    expectTypeOf<GongUnknownFlowsError>().toExtend<GongApiError>();
    expectTypeOf<GongUnknownFlowsError["unknownFlowIds"]>().toEqualTypeOf<readonly string[]>();
  });
});

describe("bulk assignment", () => {
  it("submits, gets and waits for a job", () => {
    const input = { flowId: "f", flowInstanceOwnerEmail: "o@example.com", prospects: [{ crmId: "c" }] };
    expectTypeOf(gong.submitBulkAssignment(input)).resolves.toEqualTypeOf<BulkAssignment>();
    expectTypeOf(gong.getBulkAssignment("id")).resolves.toEqualTypeOf<BulkAssignment>();
    expectTypeOf(gong.waitForBulkAssignment("id", { timeoutMs: 1 })).resolves.toEqualTypeOf<BulkAssignment>();
    expectTypeOf(gong.bulkAssign(input, { signal: AbortSignal.timeout(1) })).resolves.toEqualTypeOf<BulkAssignment>();
    expectTypeOf<"COMPLETED" | "FAILED" | "NEW">().toExtend<BulkAssignmentStatus>();
    expectTypeOf<GongBulkAssignmentTimeoutError["job"]>().toEqualTypeOf<BulkAssignment | undefined>();
    // @ts-expect-error a prospect is named by CRM id or by first and last name
    gong.submitBulkAssignment({ ...input, prospects: [{ email: "a@example.com" }] });
  });

  it("names Gong's per-request limits as numbers", () => {
    expectTypeOf(gongLimits.assignProspectsPerRequest).toEqualTypeOf<100>();
    expectTypeOf(gongLimits.flowStepsIdsPerRequest).toEqualTypeOf<20>();
    expectTypeOf(gongLimits.bulkAssignmentProspectsPerRequest).toEqualTypeOf<50>();
  });
});
