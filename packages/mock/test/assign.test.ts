// Assigning prospects to flows, as Gong's rules allow: the instances it creates are what the list
// operations then return, and unassigning ends them.
import { describe, expect, it } from "vitest";
import { createGongMock, defaultAssignedFlows, generateAssignedFlows } from "../src/index.js";
import { call, manualClock } from "./support/calls.js";

const sdrFlow = "1695493301223590792"; // exclusive
const nurtureFlow = "1695493301223590793";
const assign = (mock: ReturnType<typeof createGongMock>, flowId: string, ...crmProspectsIds: string[]) =>
  call(mock, "assignProspects", { flowId, crmProspectsIds, flowInstanceOwnerEmail: "test@test.com" });

describe("assignProspects", () => {
  it("creates a Pending flow instance per prospect, which both forms of the list then return", async () => {
    const clock = manualClock("2025-06-02T10:00:00.000Z");
    const mock = createGongMock({ rps: 0, clock });
    const { status, body } = await assign(mock, nurtureFlow, "a5V1Q00A120DP4CVAX", "00Q5e00000GHIJKL");
    expect(status).toBe(200);
    expect(body["prospectsNotAssigned"]).toEqual([]);
    const created = body["prospectsAssigned"] as { flowInstanceId: string; crmProspectId: string }[];
    expect(created.map((flow) => flow.crmProspectId)).toEqual(["a5V1Q00A120DP4CVAX", "00Q5e00000GHIJKL"]);
    expect(created[0]).toEqual({
      flowId: nurtureFlow,
      flowName: "Nurture Flow",
      crmProspectId: "a5V1Q00A120DP4CVAX",
      flowInstanceId: expect.stringMatching(/^\d{16}$/),
      flowInstanceOwnerEmail: "test@test.com",
      flowInstanceOwnerFullName: "Test User",
      flowInstanceCreateDate: "2025-06-02T10:00:00.000Z",
      flowInstanceStatus: "Pending",
      workspaceId: "623457276584334",
      exclusive: false,
    });
    const byCrmId = await call(mock, "listAssignedFlows", { crmProspectsIds: ["a5V1Q00A120DP4CVAX"] });
    expect(byCrmId.body["prospectsAssigned"]).toEqual([created[0]]);
    const ids = created.map((flow) => flow.flowInstanceId);
    expect(new Set(ids).size).toBe(2);
    const byId = await call(mock, "listAssignedFlows", { flowInstanceIds: ids });
    expect(byId.body["prospectsAssigned"]).toEqual(created);
    expect(mock.stats().flowInstances).toEqual({ assigned: 7, unassigned: 0 });
  });

  it("puts every prospect in exactly one list: unknown CRM ids, prospects already in the flow or in an exclusive flow are not assigned", async () => {
    const mock = createGongMock({ rps: 0 });
    // a5V1Q00A120DP4CVAW: in SDR Flow (exclusive) and Nurture Flow; 0035e00000AbCdE: in Nurture Flow only.
    const { body } = await assign(mock, "1695493301223590794", "a5V1Q00A120DP4CVAW", "no-such-lead", "0035e00000AbCdE");
    expect((body["prospectsAssigned"] as { crmProspectId: string }[]).map((flow) => flow.crmProspectId)).toEqual([
      "0035e00000AbCdE",
    ]);
    expect(body["prospectsNotAssigned"]).toEqual([
      {
        flowId: "1695493301223590794",
        crmProspectId: "a5V1Q00A120DP4CVAW",
        errorCode: "InvalidState",
        errorMessage: "The prospect is already assigned to an exclusive flow",
      },
      {
        flowId: "1695493301223590794",
        crmProspectId: "no-such-lead",
        errorCode: "InvalidArgument",
        errorMessage: "Invalid crmId no-such-lead",
      },
    ]);
    const again = await assign(mock, "1695493301223590794", "0035e00000AbCdE");
    expect(again.body["prospectsNotAssigned"]).toEqual([
      expect.objectContaining({
        errorCode: "InvalidState",
        errorMessage: "The prospect is already assigned to this flow",
      }),
    ]);
  });

  it("answers 404 for a flow it does not hold, and assigns no one", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await assign(mock, "no-such-flow", "a5V1Q00A120DP4CVAX");
    expect(status).toBe(404);
    expect(body["errors"]).toEqual(["Flow not found: no-such-flow"]);
    expect(mock.stats().flowInstances).toEqual({ assigned: 5, unassigned: 0 });
  });

  it("lets a prospect taken out of a flow be assigned to it again, with a new instance; the ended one is Finished", async () => {
    const mock = createGongMock({ rps: 0 });
    const first = defaultAssignedFlows[4]!; // 0035e00000AbCdE in Nurture Flow
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: first.crmProspectId });
    const { body } = await assign(mock, nurtureFlow, first.crmProspectId!);
    const [created] = body["prospectsAssigned"] as { flowInstanceId: string }[];
    expect(created?.flowInstanceId).not.toBe(first.flowInstanceId);
    const byId = await call(mock, "listAssignedFlows", {
      flowInstanceIds: [first.flowInstanceId, created!.flowInstanceId],
    });
    expect(
      (byId.body["prospectsAssigned"] as { flowInstanceStatus: string }[]).map((f) => f.flowInstanceStatus),
    ).toEqual(["Finished", "Pending"]);
  });

  it("assigns to the flows of a data file of flow instances only (the first format), and knows its prospects", async () => {
    // Each generated prospect is in SDR Flow (exclusive), the second also in Nurture Flow.
    const flows = generateAssignedFlows({ prospects: 2, flowsPerProspect: [1, 2] });
    const mock = createGongMock({ rps: 0, assignedFlows: flows });
    const refused = await assign(mock, nurtureFlow, "prospect-00001");
    expect(refused.body["prospectsNotAssigned"]).toEqual([expect.objectContaining({ errorCode: "InvalidState" })]);
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "prospect-00001", flowId: sdrFlow });
    const { body } = await assign(mock, nurtureFlow, "prospect-00001", "prospect-00002");
    expect(body["prospectsAssigned"]).toEqual([
      expect.objectContaining({ crmProspectId: "prospect-00001", flowName: "Nurture Flow", exclusive: false }),
    ]);
    expect(body["prospectsNotAssigned"]).toEqual([
      expect.objectContaining({
        crmProspectId: "prospect-00002",
        errorMessage: "The prospect is already assigned to this flow",
      }),
    ]);
  });

  it("refuses, before acting, more than 100 prospects or one given twice (400)", async () => {
    const mock = createGongMock({ rps: 0 });
    const many = Array.from({ length: 101 }, (_, i) => `lead-${i}`);
    expect((await assign(mock, nurtureFlow, ...many)).status).toBe(400);
    const twice = await assign(mock, nurtureFlow, "a5V1Q00A120DP4CVAX", "a5V1Q00A120DP4CVAX");
    expect(twice.status).toBe(400);
    expect(mock.stats().flowInstances).toEqual({ assigned: 5, unassigned: 0 });
  });
});
