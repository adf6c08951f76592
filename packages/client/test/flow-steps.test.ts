// getFlowSteps: batches of 20, and the 404 that fails a whole request as a typed error naming its ids.
import { describe, expect, it } from "vitest";
import { GongApiError, GongBatchError, GongUnknownFlowsError, GongValidationError, gongLimits } from "../src/index.js";
import { accessKeySecret, rejectionOf, testClient } from "./support/client.js";
import { type RecordedRequest, type Reply, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const ids = (n: number) => Array.from({ length: n }, (_, i) => `flow-${i}`);
const sentIds = (request: RecordedRequest) => (request.json as { flowIds: string[] }).flowIds;
const steps = (request: RecordedRequest, index: number): Reply => ({
  status: 200,
  body: {
    requestId: `req-${index + 1}`,
    flows: sentIds(request).map((id) => ({ id, steps: [{ stepOrder: 1, action: "CALL" }] })),
  },
});

describe("getFlowSteps", () => {
  it("sends 45 ids as 20, 20 and 5, and returns every flow", async () => {
    server.respond(steps);
    const { gong } = testClient(server.url);
    const result = await gong.getFlowSteps({ flowIds: [...ids(45), "flow-3"] });
    expect(gongLimits.flowStepsIdsPerRequest).toBe(20);
    expect(server.requests.map((r) => sentIds(r).length)).toEqual([20, 20, 5]);
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill("/v2/flows/steps"));
    expect(result.flows.map((flow) => flow.id)).toEqual(ids(45));
    expect(result.requestIds).toEqual(["req-1", "req-2", "req-3"]);
  });

  it("turns a 404 into GongUnknownFlowsError naming the ids Gong's message names", async () => {
    server.respond(() => ({
      status: 404,
      body: { requestId: "r404", errors: ["Flow flow-2 not found (flow-22 neither)"] },
    }));
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.getFlowSteps({ flowIds: ["flow-1", "flow-2", "flow-22x"] }));
    expect(error).toBeInstanceOf(GongUnknownFlowsError);
    expect(error).toBeInstanceOf(GongApiError);
    const unknown = error as GongUnknownFlowsError;
    expect(unknown.flowIds).toEqual(["flow-1", "flow-2", "flow-22x"]);
    expect(unknown.unknownFlowIds).toEqual(["flow-2"]);
    expect([unknown.status, unknown.requestId, unknown.operation]).toEqual([404, "r404", "getFlowSteps"]);
    expect(unknown.message).toContain("3 flow ids asked for; unknown: flow-2");
    expect(server.requests).toHaveLength(1); // a 404 is not retried
  });

  it("never carries a credential Gong's answer echoes", async () => {
    server.respond(() => ({ status: 404, body: { errors: [`flow-1 unknown for key ${accessKeySecret}`] } }));
    const { gong } = testClient(server.url);
    const error = (await rejectionOf(gong.getFlowSteps({ flowIds: ["flow-1"] }))) as GongUnknownFlowsError;
    expect(error.unknownFlowIds).toEqual(["flow-1"]);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(accessKeySecret);
    expect(error.errors).toEqual(["flow-1 unknown for key [REDACTED]"]);
  });

  it("says when Gong's message names no id", async () => {
    server.respond(() => ({ status: 404, body: { errors: ["An error has occurred"] } }));
    const { gong } = testClient(server.url);
    const error = (await rejectionOf(gong.getFlowSteps({ flowIds: ["a"] }))) as GongUnknownFlowsError;
    expect(error.unknownFlowIds).toEqual([]);
    expect(error.message).toContain("Gong did not say which");
  });

  it("in a call of several requests, puts the 404 in a GongBatchError with the flows answered", async () => {
    server.respond((request, index) =>
      index === 1 ? { status: 404, body: { errors: ["nope"] } } : steps(request, index),
    );
    const { gong } = testClient(server.url, { batchConcurrency: 1 });
    const error = (await rejectionOf(gong.getFlowSteps({ flowIds: ids(50) }))) as GongBatchError;
    expect(error).toBeInstanceOf(GongBatchError);
    expect(error.cause).toBeInstanceOf(GongUnknownFlowsError);
    expect((error.cause as GongUnknownFlowsError).flowIds).toEqual(ids(50).slice(20, 40));
    expect(error.flowsWithSteps.map((flow) => flow.id)).toEqual(ids(20));
    expect(error.unprocessedIds).toEqual(ids(50).slice(20));
    expect(error.outcomeUnknownIds).toEqual([]);
  });

  it("refuses an empty list or an empty id before sending", async () => {
    const { gong } = testClient(server.url);
    expect(await rejectionOf(gong.getFlowSteps({ flowIds: [] }))).toBeInstanceOf(GongValidationError);
    expect(await rejectionOf(gong.getFlowSteps({ flowIds: [""] }))).toBeInstanceOf(GongValidationError);
    expect(server.requests).toEqual([]);
  });
});
