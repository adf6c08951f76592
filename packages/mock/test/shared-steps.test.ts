// Every operation goes through the same shared steps: credentials, faults (status, lost answer, hold),
// the rate limit and the daily quota. One valid request per operation; a new operation needs one here.
import { describe, expect, it } from "vitest";
import { createGongMock, type GongMock, type MockOperationName, operationNames } from "../src/index.js";
import { call, callGet, manualClock } from "./support/calls.js";

const flowId = "1695493301223590793";
const owner = "test@test.com";
/** A valid request of each operation: a POST body, or a GET path and query. */
const requests: Record<MockOperationName, { body: unknown } | { get: string }> = {
  listFlows: { get: `/v2/flows?flowOwnerEmail=${owner}` },
  listFlowFolders: { get: `/v2/flows/folders?flowFolderOwnerEmail=${owner}` },
  getFlowSteps: { body: { flowIds: [flowId] } },
  listAssignedFlows: { body: { flowInstanceIds: ["1234361284629356"] } },
  unassignFlowsByCrmProspectId: { body: { crmProspectId: "a5V1Q00A120DP4CVAW" } },
  unassignFlowsByFlowInstanceIds: { body: { flowInstanceIds: ["1234361284629356"] } },
  assignProspects: { body: { flowId, crmProspectsIds: ["a5V1Q00A120DP4CVAX"], flowInstanceOwnerEmail: owner } },
  submitBulkAssignment: {
    body: { flowId, flowInstanceOwnerEmail: owner, prospects: [{ crmId: "a5V1Q00A120DP4CVAX" }] },
  },
  getBulkAssignment: { get: "/v2/flows/prospects/bulk-assignments/unknown-job" },
};
const okStatus: Partial<Record<MockOperationName, number>> = { submitBulkAssignment: 202, getBulkAssignment: 404 };

function send(mock: GongMock, operation: MockOperationName, authorization?: string | null) {
  const request = requests[operation];
  return "get" in request
    ? callGet(mock, operation, request.get, { authorization })
    : call(mock, operation, request.body, { authorization });
}

describe.each(operationNames)("%s goes through the shared steps", (operation) => {
  it("answers as it should, then 401 without credentials", async () => {
    const mock = createGongMock({ rps: 0 });
    expect((await send(mock, operation)).status).toBe(okStatus[operation] ?? 200);
    const refused = await send(mock, operation, null);
    expect([refused.status, refused.body["errors"]]).toEqual([
      401,
      ["Missing Authorization header: send Basic or Bearer credentials."],
    ]);
  });

  it("answers a status fault aimed at it, and counts the call and the status", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ operation, status: 503 });
    expect((await send(mock, operation)).status).toBe(503);
    expect(mock.stats().calls[operation]).toBe(1);
    expect(mock.stats().statuses).toEqual({ "503": 1 });
  });

  it("counts in the rate limit and the daily quota (429 with Retry-After)", async () => {
    const mock = createGongMock({ rps: 1, dailyQuota: 0, clock: manualClock() });
    await send(mock, operation);
    const limited = await send(mock, operation);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    const quota = createGongMock({ rps: 0, dailyQuota: 1, clock: manualClock("2025-06-02T23:59:30.000Z") });
    await send(quota, operation);
    const spent = await send(quota, operation);
    expect([spent.status, spent.headers.get("retry-after")]).toEqual([429, "30"]);
  });

  it("is held until released, then acts as usual; a lost answer breaks its body", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ operation, hold: "h" });
    const held = send(mock, operation);
    await Promise.resolve();
    expect(mock.held()).toEqual([expect.objectContaining({ hold: "h", operation })]);
    expect(await mock.release("h")).toBe(1);
    expect((await held).status).toBe(okStatus[operation] ?? 200);
    mock.injectFault({ operation, loseAnswer: true });
    await expect(send(mock, operation)).rejects.toThrow();
  });
});

it("a lost assign answer still assigned: the list shows the instance", async () => {
  const mock = createGongMock({ rps: 0 });
  mock.injectFault({ operation: "assignProspects", loseAnswer: true });
  await expect(send(mock, "assignProspects")).rejects.toThrow(/loseAnswer/);
  const listed = await call(mock, "listAssignedFlows", { crmProspectsIds: ["a5V1Q00A120DP4CVAX"] });
  expect(listed.body["prospectsAssigned"]).toEqual([
    expect.objectContaining({ flowId, flowInstanceStatus: "Pending" }),
  ]);
});
