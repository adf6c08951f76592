// assignProspects: batches of 100, every prospect in exactly one list, and a write never sent twice
// once it may have reached Gong.
import { describe, expect, it } from "vitest";
import {
  GongBatchError,
  GongResponseValidationError,
  GongServerError,
  GongTimeoutError,
  GongValidationError,
  gongLimits,
} from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { type RecordedRequest, type Reply, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p-${String(i).padStart(3, "0")}`);
const sentIds = (request: RecordedRequest) => (request.json as { crmProspectsIds: string[] }).crmProspectsIds;
const base = { flowId: "f1", flowInstanceOwnerEmail: "owner@example.com" };

/** Gong assigning every prospect it is sent except those in `refused` (InvalidState). */
function assignsAllBut(refused: string[] = [], silent: string[] = []) {
  return (request: RecordedRequest, index: number): Reply => {
    const sent = sentIds(request).filter((id) => !silent.includes(id));
    return {
      status: 200,
      body: {
        requestId: `req-${index + 1}`,
        prospectsAssigned: sent
          .filter((id) => !refused.includes(id))
          .map((id) => ({ flowId: "f1", crmProspectId: id, flowInstanceId: `fi-${id}` })),
        prospectsNotAssigned: sent
          .filter((id) => refused.includes(id))
          .map((id) => ({ flowId: "f1", crmProspectId: id, errorCode: "InvalidState", errorMessage: "exclusive" })),
      },
    };
  };
}

describe("assignProspects", () => {
  it("sends 250 prospects as 100, 100 and 50, and puts each in exactly one list", async () => {
    server.respond(assignsAllBut(["p-007", "p-120"], ["p-200"]));
    const { gong } = testClient(server.url);
    const input = ids(250);
    const result = await gong.assignProspects({ ...base, crmProspectsIds: input });

    expect(gongLimits.assignProspectsPerRequest).toBe(100);
    expect(server.requests.map((r) => sentIds(r).length)).toEqual([100, 100, 50]);
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill("/v2/flows/prospects/assign"));
    expect(server.requests.flatMap(sentIds)).toEqual(input);
    expect(result.notAssigned).toEqual([
      { flowId: "f1", crmProspectId: "p-007", errorCode: "InvalidState", errorMessage: "exclusive" },
      { flowId: "f1", crmProspectId: "p-120", errorCode: "InvalidState", errorMessage: "exclusive" },
    ]);
    expect(result.unconfirmedCrmProspectIds).toEqual(["p-200"]);
    expect(result.assigned.map((flow) => flow.crmProspectId)).toEqual(
      input.filter((id) => !["p-007", "p-120", "p-200"].includes(id)),
    );
    expect(result.requestIds).toEqual(["req-1", "req-2", "req-3"]);
  });

  it("sends each prospect once, however often it is given, with the rest of the input", async () => {
    server.respond(assignsAllBut());
    const { gong } = testClient(server.url);
    await gong.assignProspects({ ...base, crmProspectsIds: ["a", "b", "a"], flowInstanceDescription: "why" });
    expect(server.requests.map((r) => r.json)).toEqual([
      { ...base, crmProspectsIds: ["a", "b"], flowInstanceDescription: "why" },
    ]);
  });

  it("refuses bad input before sending anything", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(
      gong.assignProspects({ flowId: "", flowInstanceOwnerEmail: "not-an-email", crmProspectsIds: [] }),
    );
    expect(error).toBeInstanceOf(GongValidationError);
    expect((error as GongValidationError).issues.map((issue) => issue.path).sort()).toEqual([
      "/crmProspectsIds",
      "/flowId",
      "/flowInstanceOwnerEmail",
    ]);
    expect(server.requests).toEqual([]);
  });

  it.each<[string, Reply, typeof GongServerError | typeof GongTimeoutError]>([
    ["a 500", { status: 500, body: { errors: ["boom"] } }, GongServerError],
    ["a 502 from a gateway", { status: 502 }, GongServerError],
    ["a timeout", { hang: true }, GongTimeoutError],
  ])("never sends a request again after %s: it may have assigned", async (_label, reply, type) => {
    server.respond(() => reply);
    const { gong } = testClient(server.url, { timeoutMs: 300 });
    const error = await rejectionOf(gong.assignProspects({ ...base, crmProspectsIds: ["a"] }));
    expect(error).toBeInstanceOf(type);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 429: Gong did not act on it", async () => {
    server.script(
      { status: 429, headers: { "retry-after": "0" }, body: {} },
      assignsAllBut()({ json: { crmProspectsIds: ["a"] } } as RecordedRequest, 1),
    );
    const { gong } = testClient(server.url);
    const result = await gong.assignProspects({ ...base, crmProspectsIds: ["a"] });
    expect(result.assigned.map((flow) => flow.crmProspectId)).toEqual(["a"]);
    expect(server.requests).toHaveLength(2);
  });

  it.each<[string, unknown, string]>([
    [
      "a prospect it was not asked for",
      { prospectsAssigned: [{ crmProspectId: "a" }, { crmProspectId: "stranger" }] },
      "/prospectsAssigned/1/crmProspectId",
    ],
    [
      "a prospect in both lists",
      { prospectsAssigned: [{ crmProspectId: "a" }], prospectsNotAssigned: [{ crmProspectId: "a" }] },
      "/prospectsNotAssigned/0/crmProspectId",
    ],
    [
      "an entry with no prospect id",
      { prospectsNotAssigned: [{ errorCode: "InvalidState" }] },
      "/prospectsNotAssigned/0/crmProspectId",
    ],
  ])("refuses an answer naming %s: its outcome is unknown", async (_label, body, path) => {
    server.respond(() => ({ status: 200, body: { requestId: "r", ...(body as object) } }));
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.assignProspects({ ...base, crmProspectsIds: ["a", "b"] }));
    expect(error).toBeInstanceOf(GongResponseValidationError);
    expect((error as GongResponseValidationError).issues.map((issue) => issue.path)).toEqual([path]);
    expect(server.requests).toHaveLength(1);
  });

  it("says which prospects a failed batch leaves unknown", async () => {
    server.respond((request, index) => (index === 1 ? { status: 500 } : assignsAllBut()(request, index)));
    const { gong } = testClient(server.url, { batchConcurrency: 1 });
    const input = ids(300);
    const error = await rejectionOf(gong.assignProspects({ ...base, crmProspectsIds: input }));
    expect(error).toBeInstanceOf(GongBatchError);
    const batch = error as GongBatchError;
    expect(batch.processedIds).toEqual(input.slice(0, 100));
    expect(batch.outcomeUnknownIds).toEqual(input.slice(100, 200));
    expect(batch.unprocessedIds).toEqual(input.slice(100));
    expect(batch.assigned.map((flow) => flow.crmProspectId)).toEqual(input.slice(0, 100));
    expect(server.requests).toHaveLength(2);
  });

  it("tells the attempt hook which prospects each attempt carried", async () => {
    server.respond(assignsAllBut());
    const seen: string[][] = [];
    const { gong } = testClient(server.url);
    await gong.assignProspects(
      { ...base, crmProspectsIds: ids(150) },
      { onAttempt: (event) => event.type === "sending" && seen.push([...event.ids]) },
    );
    expect(seen.sort()).toEqual([ids(150).slice(0, 100), ids(150).slice(100)]);
  });
});

describe("listAssignedFlows by flow instance id", () => {
  it("sends the ids in the second form, in batches, and returns every instance listed", async () => {
    server.respond((request, index) => ({
      status: 200,
      body: {
        requestId: `req-${index + 1}`,
        prospectsAssigned: (request.json as { flowInstanceIds: string[] }).flowInstanceIds.map((id) => ({
          flowInstanceId: id,
          flowInstanceStatus: "FinishedNoReply",
        })),
      },
    }));
    const { gong } = testClient(server.url, { listBatchSize: 2 });
    const result = await gong.listAssignedFlows({ flowInstanceIds: ["i1", "i2", "i1", "i3"] });
    expect(server.requests.map((r) => r.json)).toEqual([
      { flowInstanceIds: ["i1", "i2"] },
      { flowInstanceIds: ["i3"] },
    ]);
    expect(result.flows.map((flow) => flow.flowInstanceId)).toEqual(["i1", "i2", "i3"]);
    expect(result.requestIds).toEqual(["req-1", "req-2"]);
  });

  it("tells the attempt hook which flow instances each attempt carried", async () => {
    server.respond((_request, index) => ({
      status: 200,
      body: { requestId: `req-${index + 1}`, prospectsAssigned: [] },
    }));
    const seen: string[][] = [];
    const { gong } = testClient(server.url, { listBatchSize: 2 });
    await gong.listAssignedFlows(
      { flowInstanceIds: ["i1", "i2", "i3"] },
      { onAttempt: (event) => event.type === "sending" && seen.push([...event.ids]) },
    );
    expect(seen.sort()).toEqual([["i1", "i2"], ["i3"]]); // the requests run concurrently
  });

  it("refuses a request in both forms before sending it", async () => {
    const { gong } = testClient(server.url);
    const both = { flowInstanceIds: ["i1"], crmProspectsIds: ["p1"] } as { flowInstanceIds: string[] };
    expect(await rejectionOf(gong.listAssignedFlows(both))).toBeInstanceOf(GongValidationError);
    expect(server.requests).toEqual([]);
  });
});
