import { describe, expect, it } from "vitest";
import { GongAuthenticationError, GongBatchError, GongServerError } from "../src/index.js";
import { useFaultServer, type RecordedRequest, type Reply } from "./support/fault-server.js";
import { rejectionOf, testClient } from "./support/client.js";

const server = await useFaultServer();

const ids = (n: number, prefix = "fi") =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, "0")}`);
const sentIds = (request: RecordedRequest | undefined): string[] => {
  if (!request) throw new Error("no such request was recorded");
  return (request.json as { flowInstanceIds: string[] }).flowInstanceIds;
};

/** Gong's behaviour: unassigns every id it is sent except those in `kept`. */
function unassignAllBut(kept: Set<string>) {
  return (request: RecordedRequest, index: number): Reply => ({
    status: 200,
    body: { requestId: `req-${index + 1}`, unassignedFlowInstanceIds: sentIds(request).filter((id) => !kept.has(id)) },
  });
}

describe("unassignByFlowInstanceIds", () => {
  it("sends 450 ids as 200, 200 and 50, and merges the answers", async () => {
    const kept = new Set(["fi-007", "fi-250", "fi-449"]);
    server.respond(unassignAllBut(kept));
    const { gong } = testClient(server.url);
    const input = ids(450);
    const result = await gong.unassignByFlowInstanceIds({
      flowInstanceIds: input,
      unassignedByUserEmail: "ops@example.com",
    });

    expect(server.requests.map((r) => sentIds(r).length)).toEqual([200, 200, 50]);
    expect(server.requests.flatMap(sentIds)).toEqual(input);
    for (const request of server.requests) {
      expect((request.json as { unassignedByUserEmail: string }).unassignedByUserEmail).toBe("ops@example.com");
    }
    expect(result.notUnassignedFlowInstanceIds).toEqual(["fi-007", "fi-250", "fi-449"]);
    expect(result.unassignedFlowInstanceIds).toEqual(input.filter((id) => !kept.has(id)));
    expect(result.requestIds).toEqual(["req-1", "req-2", "req-3"]);
  });

  it("sends each id once, however often it is given", async () => {
    server.respond(unassignAllBut(new Set()));
    const { gong } = testClient(server.url);
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b", "a", "c", "b"] });
    expect(server.requests.flatMap(sentIds)).toEqual(["a", "b", "c"]);
    expect(result.unassignedFlowInstanceIds).toEqual(["a", "b", "c"]);
  });

  it("counts only ids it sent, whatever else the answer holds", async () => {
    server.respond(() => ({ status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["a", "not-sent"] } }));
    const { gong } = testClient(server.url);
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b"] });
    expect(result).toEqual({
      unassignedFlowInstanceIds: ["a"],
      notUnassignedFlowInstanceIds: ["b"],
      unconfirmedFlowInstanceIds: [],
      requestIds: ["r"],
    });
  });

  it("treats an answer without unassignedFlowInstanceIds as nothing unassigned (the spec requires no property)", async () => {
    server.respond(() => ({ status: 200, body: {} }));
    const { gong } = testClient(server.url);
    const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["a", "b"] });
    expect(result).toEqual({
      unassignedFlowInstanceIds: [],
      notUnassignedFlowInstanceIds: ["a", "b"],
      unconfirmedFlowInstanceIds: [],
      requestIds: [],
    });
  });

  it("reports unassigned, not unassigned, and not attempted ids when a chunk fails for good", async () => {
    const kept = new Set(["fi-010"]);
    const gongLike = unassignAllBut(kept);
    // The second chunk fails on every attempt; the first succeeds; the third is never sent.
    server.respond((request, index) =>
      sentIds(request)[0] === "fi-200"
        ? { status: 500, body: { requestId: `req-500-${index}`, errors: ["boom"] } }
        : gongLike(request, index),
    );
    const { gong } = testClient(server.url, { maxRetries: 2, batchConcurrency: 1 });
    const input = ids(450);
    const error = await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: input }));

    expect(error).toBeInstanceOf(GongBatchError);
    const batch = error as GongBatchError;
    expect(batch.operation).toBe("unassignFlowsByFlowInstanceIds");
    expect(batch.cause).toBeInstanceOf(GongServerError);
    expect(batch.cause).toMatchObject({ status: 500, errors: ["boom"] });
    expect(batch.unassignedFlowInstanceIds).toEqual(input.slice(0, 200).filter((id) => !kept.has(id)));
    expect(batch.notUnassignedFlowInstanceIds).toEqual(["fi-010"]);
    expect(batch.processedIds).toEqual(input.slice(0, 200));
    expect(batch.unprocessedIds).toEqual(input.slice(200));
    expect(batch.requestIds).toEqual(["req-1"]);
    // Every id is in exactly one list.
    expect(
      [...batch.unassignedFlowInstanceIds, ...batch.notUnassignedFlowInstanceIds, ...batch.unprocessedIds].sort(),
    ).toEqual(input);
    // 1 success + 3 attempts of the failing chunk; the third chunk was not sent.
    expect(server.requests).toHaveLength(4);
    expect(batch.message).toContain("200 of 450 ids processed");
  });

  it("waits for chunks in flight before reporting, so their outcome is known", async () => {
    server.respond((request, index) =>
      sentIds(request)[0] === "fi-000"
        ? { status: 401, body: { requestId: "req-401" } }
        : { status: 200, body: { requestId: `req-${index}`, unassignedFlowInstanceIds: sentIds(request) } },
    );
    const { gong } = testClient(server.url, { batchConcurrency: 3 });
    const input = ids(600);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: input }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(batch.cause).toBeInstanceOf(GongAuthenticationError);
    expect(batch.unprocessedIds).toEqual(input.slice(0, 200));
    expect(batch.unassignedFlowInstanceIds).toEqual(input.slice(200));
    expect(batch.notUnassignedFlowInstanceIds).toEqual([]);
  });

  it("throws the request's own error when the call needed one request", async () => {
    server.respond(() => ({ status: 401, body: { requestId: "req-401" } }));
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: ids(200) }));
    expect(error).toBeInstanceOf(GongAuthenticationError);
  });
});

describe("a batch that fails stops", () => {
  it("sends none of the chunks still waiting in the rate limiter once one has failed for good", async () => {
    server.respond((request) =>
      sentIds(request)[0] === "fi-000"
        ? { status: 400, body: { requestId: "req-400", errors: ["bad"] } }
        : { status: 200, body: { unassignedFlowInstanceIds: sentIds(request) } },
    );
    // Four chunks, all started at once; at 5 a second, three of them wait for their turn when the first fails.
    const { gong } = testClient(server.url, { batchConcurrency: 4, rateLimit: { requestsPerSecond: 5 } });
    const input = ids(800);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: input }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(server.requests).toHaveLength(1);
    expect(batch.unprocessedIds).toEqual(input);
    expect(batch.outcomeUnknownIds).toEqual([]);
    expect(batch.processedIds).toEqual([]);
  });

  it("sends no retry of a chunk once another has failed, and says its outcome is unknown", async () => {
    server.respond(async (request) => {
      // The first chunk's 500 comes well after the second chunk's 401, so the batch has stopped by then.
      if (sentIds(request)[0] === "fi-000") {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { status: 500 };
      }
      return { status: 401, body: { requestId: "req-401" } };
    });
    const { gong } = testClient(server.url, { batchConcurrency: 2, maxRetries: 3 });
    const input = ids(400);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: input }))) as GongBatchError;
    expect(batch.cause).toBeInstanceOf(GongAuthenticationError);
    // The first chunk got a 500 (Gong may have acted), and was not retried: the batch had stopped.
    expect(server.requests.filter((r) => sentIds(r)[0] === "fi-000")).toHaveLength(1);
    expect(batch.unprocessedIds).toEqual(input);
    expect(batch.outcomeUnknownIds).toEqual(input.slice(0, 200));
  });
});

describe("GongBatchError", () => {
  it("survives JSON.stringify with every list, flows and the cause included", async () => {
    server.respond((_request, index) =>
      index === 0
        ? {
            status: 200,
            body: { requestId: "req-1", prospectsAssigned: [{ crmProspectId: "p-000", flowInstanceId: "fi-1" }] },
          }
        : { status: 500, body: { requestId: "req-500", errors: ["boom"] } },
    );
    const { gong } = testClient(server.url, { listBatchSize: 2, batchConcurrency: 1, maxRetries: 0 });
    const batch = (await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ids(4, "p") }))) as GongBatchError;
    const json = JSON.parse(JSON.stringify(batch));
    expect(json).toEqual({
      name: "GongBatchError",
      message: batch.message,
      operation: "listAssignedFlows",
      cause: {
        name: "GongServerError",
        message: batch.cause.message,
        operation: "listAssignedFlows",
        status: 500,
        requestId: "req-500",
        errors: ["boom"],
      },
      processedIds: ["p-000", "p-001"],
      unprocessedIds: ["p-002", "p-003"],
      outcomeUnknownIds: ["p-002", "p-003"],
      requestIds: ["req-1"],
      unassignedFlowInstanceIds: [],
      notUnassignedFlowInstanceIds: [],
      unconfirmedFlowInstanceIds: [],
      flows: [{ crmProspectId: "p-000", flowInstanceId: "fi-1" }],
      assigned: [],
      notAssigned: [],
      unconfirmedCrmProspectIds: [],
      flowsWithSteps: [],
    });
  });
});

describe("listAssignedFlows", () => {
  it("sends the prospect ids in requests of listBatchSize and concatenates the flows", async () => {
    server.respond((request, index) => ({
      status: 200,
      body: {
        requestId: `req-${index + 1}`,
        prospectsAssigned: (request.json as { crmProspectsIds: string[] }).crmProspectsIds.map((id) => ({
          crmProspectId: id,
          flowInstanceId: `instance-of-${id}`,
          flowInstanceStatus: "Running",
        })),
      },
    }));
    const { gong } = testClient(server.url, { listBatchSize: 40 });
    const input = [...ids(100, "p"), "p-000"];
    const result = await gong.listAssignedFlows({ crmProspectsIds: input });
    expect(server.requests.map((r) => (r.json as { crmProspectsIds: string[] }).crmProspectsIds.length)).toEqual([
      40, 40, 20,
    ]);
    expect(result.flows.map((f) => f.crmProspectId)).toEqual(ids(100, "p"));
    expect(result.requestIds).toEqual(["req-1", "req-2", "req-3"]);
  });

  it("defaults to 100 ids per request", async () => {
    server.respond(() => ({ status: 200, body: { prospectsAssigned: [] } }));
    const { gong } = testClient(server.url);
    await gong.listAssignedFlows({ crmProspectsIds: ids(250, "p") });
    expect(server.requests.map((r) => (r.json as { crmProspectsIds: string[] }).crmProspectsIds.length)).toEqual([
      100, 100, 50,
    ]);
  });

  it("reports which prospects were listed when a later request fails", async () => {
    server.respond((_request, index) =>
      index === 0
        ? { status: 200, body: { requestId: "req-1", prospectsAssigned: [{ crmProspectId: "p-000" }] } }
        : { status: 400, body: { requestId: "req-400", errors: ["bad"] } },
    );
    const { gong } = testClient(server.url, { listBatchSize: 2, batchConcurrency: 1 });
    const batch = (await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ids(5, "p") }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(batch.processedIds).toEqual(["p-000", "p-001"]);
    expect(batch.unprocessedIds).toEqual(["p-002", "p-003", "p-004"]);
    expect(batch.flows).toEqual([{ crmProspectId: "p-000" }]);
    expect(server.requests).toHaveLength(2);
  });
});
