import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { GongBatchError, GongResponseValidationError } from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { type RecordedRequest, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

async function answerProblem(call: Promise<unknown>): Promise<GongResponseValidationError> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(GongResponseValidationError);
  return error as GongResponseValidationError;
}

describe("a 200 answer is checked against the operation's response schema before it is used", () => {
  it.each([
    ["an empty body", undefined, [{ path: "", message: "must be an object" }]],
    ["null", "null", [{ path: "", message: "must be an object" }]],
    ["a list", "[]", [{ path: "", message: "must be an object" }]],
    [
      "ids as one string",
      { unassignedFlowInstanceIds: "a,b" },
      [{ path: "/unassignedFlowInstanceIds", message: "must be an array" }],
    ],
    [
      "ids as numbers",
      { unassignedFlowInstanceIds: ["a", 2] },
      [{ path: "/unassignedFlowInstanceIds/1", message: "must be a string" }],
    ],
    [
      "a request id that is not a string",
      { requestId: 5, unassignedFlowInstanceIds: [] },
      [{ path: "/requestId", message: "must be a string" }],
    ],
  ])("refuses %s, and does not retry (the write may have happened)", async (_label, body, issues) => {
    server.script({ status: 200, body });
    const { gong } = testClient(server.url, { maxRetries: 3 });
    const error = await answerProblem(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error.issues).toEqual(issues);
    expect(error).toMatchObject({ status: 200, operation: "unassignFlowsByCrmProspectId" });
    expect(server.requests).toHaveLength(1);
  });

  it("refuses an answer that is not JSON at all, once", async () => {
    server.script({ status: 200, body: "<html>gateway says hi</html>" });
    const { gong } = testClient(server.url);
    const error = await answerProblem(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error.issues).toEqual([{ path: "", message: "is not valid JSON" }]);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses prospectsAssigned that is not a list, and flows that are not objects, pointing at each", async () => {
    server.script({ status: 200, body: { requestId: "r-1", prospectsAssigned: {} } });
    const { gong } = testClient(server.url);
    const first = await answerProblem(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(first.issues).toEqual([{ path: "/prospectsAssigned", message: "must be an array" }]);
    expect(first.requestId).toBe("r-1");

    server.script({ status: 200, body: { prospectsAssigned: [{ flowInstanceId: 7 }, "flow", { exclusive: "yes" }] } });
    const second = await answerProblem(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(second.issues).toEqual([
      { path: "/prospectsAssigned/0/flowInstanceId", message: "must be a string" },
      { path: "/prospectsAssigned/1", message: "must be an object" },
      { path: "/prospectsAssigned/2/exclusive", message: "must be a boolean" },
    ]);
    expect(second.message).toContain("/prospectsAssigned/2/exclusive: must be a boolean");
  });

  it("refuses a success status without the documented body (a 204)", async () => {
    server.script({ status: 204 });
    const { gong } = testClient(server.url);
    const error = await answerProblem(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toMatchObject({ status: 204, issues: [{ path: "", message: "must be an object" }] });
  });

  it("passes unknown properties and unknown statuses through (Gong adds both)", async () => {
    const flow = {
      flowInstanceId: "f1",
      flowInstanceStatus: "FinishedNoReply",
      flowInstanceCreateDate: "not a date we know",
      somethingNew: { a: 1 },
    };
    server.script({ status: 200, body: { requestId: "r", prospectsAssigned: [flow], pagination: null } });
    const { gong } = testClient(server.url);
    const { flows } = await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(flows).toEqual([flow]);
  });

  it("never quotes the answer's values in the error", async () => {
    server.script({ status: 200, body: { requestId: "r", unassignedFlowInstanceIds: "VALUE-FROM-THE-BODY" } });
    const { gong } = testClient(server.url);
    const error = await answerProblem(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })])
      expect(text).not.toContain("VALUE-FROM-THE-BODY");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "GongResponseValidationError",
      status: 200,
      requestId: "r",
      issues: error.issues,
    });
  });

  it("in a batch, reports the ids of the refused answer as unprocessed and of unknown outcome, and sends no more", async () => {
    const sent = (request: RecordedRequest) => (request.json as { flowInstanceIds: string[] }).flowInstanceIds;
    server.respond((request, index) =>
      index === 1
        ? { status: 200, body: { unassignedFlowInstanceIds: "everything" } }
        : { status: 200, body: { requestId: `r${index}`, unassignedFlowInstanceIds: sent(request) } },
    );
    const { gong } = testClient(server.url, { batchConcurrency: 1 });
    const ids = Array.from({ length: 450 }, (_, i) => `f${i}`);
    const error = await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: ids }));
    expect(error).toBeInstanceOf(GongBatchError);
    const batch = error as GongBatchError;
    expect(batch.cause).toBeInstanceOf(GongResponseValidationError);
    expect(batch.unassignedFlowInstanceIds).toEqual(ids.slice(0, 200));
    expect(batch.notUnassignedFlowInstanceIds).toEqual([]);
    expect(batch.unprocessedIds).toEqual(ids.slice(200));
    expect(batch.outcomeUnknownIds).toEqual(ids.slice(200, 400));
    expect(server.requests).toHaveLength(2);
  });

  it("checks answers to raw calls too", async () => {
    server.script({ status: 200, body: { prospectsAssigned: "none" } });
    const { gong } = testClient(server.url);
    const error = await answerProblem(gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] } }));
    expect(error.issues).toEqual([{ path: "/prospectsAssigned", message: "must be an array" }]);
  });
});
