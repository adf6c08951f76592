// Bulk assignments: 202 with a PENDING job, which then runs on the mock's clock, prospect by prospect,
// to COMPLETED, with a result per prospect.
import { describe, expect, it } from "vitest";
import { createGongMock } from "../src/index.js";
import { call, callGet, manualClock } from "./support/calls.js";

const nurtureFlow = "1695493301223590793";
const start = () => {
  const clock = manualClock("2025-06-02T10:00:00.000Z");
  return {
    clock,
    mock: createGongMock({ rps: 0, clock, bulkAssignments: { startAfterMs: 1_000, msPerProspect: 100 } }),
  };
};
const submit = (mock: ReturnType<typeof createGongMock>, prospects: unknown[], flowId = nurtureFlow) =>
  call(mock, "submitBulkAssignment", { flowId, flowInstanceOwnerEmail: "test@test.com", prospects });
const poll = async (mock: ReturnType<typeof createGongMock>, id: string) =>
  (await callGet(mock, "getBulkAssignment", `/v2/flows/prospects/bulk-assignments/${encodeURIComponent(id)}`)).body;

describe("bulk assignments", () => {
  it("answers 202 PENDING, then runs IN_PROGRESS prospect by prospect on the mock's clock to COMPLETED", async () => {
    const { clock, mock } = start();
    const prospects = [
      { crmId: "a5V1Q00A120DP4CVAX" },
      { firstName: "Jon", lastName: "Snow", email: "jon.snow@example.com" },
      { crmId: "no-such-record" },
      { crmId: "00Q5e00000ABCDEF" }, // in SDR Flow, which is exclusive
    ];
    const submitted = await submit(mock, prospects);
    expect(submitted.status).toBe(202);
    const id = submitted.body["id"] as string;
    expect(submitted.body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{19}$/),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: "PENDING",
      totalCount: 4,
      processedCount: 0,
      successCount: 0,
      failedCount: 0,
    });
    clock.advance(999);
    expect(await poll(mock, id)).toMatchObject({ status: "PENDING", processedCount: 0 });
    clock.advance(201); // 1,200 ms: started, two prospects processed
    expect(await poll(mock, id)).toMatchObject({
      status: "IN_PROGRESS",
      processedCount: 2,
      successCount: 2,
      failedCount: 0,
    });
    clock.advance(200);
    const done = await poll(mock, id);
    expect(done).toMatchObject({
      status: "COMPLETED",
      totalCount: 4,
      processedCount: 4,
      successCount: 2,
      failedCount: 2,
    });
    const results = done["results"] as Record<string, unknown>[];
    expect(results).toEqual([
      { prospect: prospects[0], status: "ASSIGNED", crmId: "a5V1Q00A120DP4CVAX", flowInstanceId: expect.any(String) },
      { prospect: prospects[1], status: "ASSIGNED", crmId: "mock-crm-000001", flowInstanceId: expect.any(String) },
      {
        prospect: prospects[2],
        status: "CRM_OPERATION_FAILED",
        errorCode: "CRM_RECORD_NOT_FOUND",
        errorMessage: "No prospect with CRM id no-such-record in the CRM",
      },
      {
        prospect: prospects[3],
        status: "FLOW_ASSIGNMENT_FAILED",
        crmId: "00Q5e00000ABCDEF",
        errorCode: "InvalidState",
        errorMessage: "The prospect is already assigned to an exclusive flow",
      },
    ]);
    // The instances it created are listed, created when each prospect was processed.
    const listed = await call(mock, "listAssignedFlows", {
      flowInstanceIds: [results[0]!["flowInstanceId"], results[1]!["flowInstanceId"]],
    });
    expect(listed.body["prospectsAssigned"]).toEqual([
      expect.objectContaining({
        crmProspectId: "a5V1Q00A120DP4CVAX",
        flowInstanceCreateDate: "2025-06-02T10:00:01.100Z",
      }),
      expect.objectContaining({ crmProspectId: "mock-crm-000001", flowInstanceCreateDate: "2025-06-02T10:00:01.200Z" }),
    ]);
  });

  it("acts when due even if no one polls: stats and the list see the assignments", async () => {
    const { clock, mock } = start();
    await submit(mock, [{ crmId: "0035e00000FgHiJ" }]);
    expect(mock.stats().flowInstances.assigned).toBe(5);
    clock.advance(1_100);
    expect(mock.stats().flowInstances.assigned).toBe(6);
    const listed = await call(mock, "listAssignedFlows", { crmProspectsIds: ["0035e00000FgHiJ"] });
    expect(listed.body["prospectsAssigned"]).toEqual([expect.objectContaining({ flowId: nurtureFlow })]);
  });

  it("finds a prospect given by name by its email in the CRM instead of creating it again", async () => {
    const { clock, mock } = start();
    const { body } = await submit(mock, [{ firstName: "Dana", lastName: "W.", email: "DANA.WHITFIELD@example.com" }]);
    clock.advance(2_000);
    expect((await poll(mock, body["id"] as string))["results"]).toEqual([
      expect.objectContaining({ status: "ASSIGNED", crmId: "a5V1Q00A120DP4CVAX" }),
    ]);
  });

  it("answers 404 for a flow it does not hold (no job) and for an unknown job id; 400 past 50 prospects", async () => {
    const { mock } = start();
    const noFlow = await submit(mock, [{ crmId: "a5V1Q00A120DP4CVAX" }], "no-such-flow");
    expect([noFlow.status, noFlow.body["errors"]]).toEqual([404, ["Flow not found: no-such-flow"]]);
    const unknown = await callGet(mock, "getBulkAssignment", "/v2/flows/prospects/bulk-assignments/nope");
    expect([unknown.status, unknown.body["errors"]]).toEqual([404, ["No bulk assignment has the id nope"]]);
    const tooMany = await submit(
      mock,
      Array.from({ length: 51 }, (_, i) => ({ crmId: `c${i}` })),
    );
    expect(tooMany.status).toBe(400);
    expect(mock.stats().calls).toMatchObject({ submitBulkAssignment: 2, getBulkAssignment: 1 });
  });

  it("completes at once with msPerProspect 0 once started; reset drops every job", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 0, clock, bulkAssignments: { startAfterMs: 0, msPerProspect: 0 } });
    const { body } = await submit(mock, [{ crmId: "a5V1Q00A120DP4CVAX" }, { crmId: "00Q5e00000GHIJKL" }]);
    expect(body).toMatchObject({ status: "COMPLETED", processedCount: 2, successCount: 2 });
    mock.reset();
    expect(
      (await callGet(mock, "getBulkAssignment", `/v2/flows/prospects/bulk-assignments/${String(body["id"])}`)).status,
    ).toBe(404);
  });
});

it("answers a job id that is not valid percent-encoding with 404, not a failure", async () => {
  const { mock } = start();
  const { status, body } = await callGet(mock, "getBulkAssignment", "/v2/flows/prospects/bulk-assignments/%E0%A4%A");
  expect([status, body["errors"]]).toEqual([404, ["No bulk assignment has the id %E0%A4%A"]]);
});

it("with msPerProspect 0, processes no prospect before the start, then every one at once", async () => {
  const clock = manualClock();
  const mock = createGongMock({ rps: 0, clock, bulkAssignments: { startAfterMs: 1_000, msPerProspect: 0 } });
  const { body } = await submit(mock, [{ crmId: "a5V1Q00A120DP4CVAX" }, { crmId: "00Q5e00000GHIJKL" }]);
  clock.advance(999);
  expect(await poll(mock, body["id"] as string)).toMatchObject({ status: "PENDING", processedCount: 0 });
  expect(mock.stats().flowInstances.assigned).toBe(5);
  clock.advance(1);
  expect(await poll(mock, body["id"] as string)).toMatchObject({ status: "COMPLETED", processedCount: 2 });
});
