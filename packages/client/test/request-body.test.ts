import { describe, expect, it } from "vitest";
import { createMemoryRateLimitStore, GongValidationError } from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

describe("the body is frozen when it is validated", () => {
  it("sends the same bytes on every attempt, however the caller changes its object during the backoff", async () => {
    const input = { flowInstanceIds: ["f1", "f2"], unassignedByUserEmail: "ops@example.com" };
    server.respond((_request, index) => {
      // The caller's code runs while the client waits to retry: it changes the object it passed.
      if (index === 0) {
        input.flowInstanceIds.push("f3");
        input.unassignedByUserEmail = "not an email";
        return { status: 503 };
      }
      return { status: 200, body: { unassignedFlowInstanceIds: ["f1", "f2"] } };
    });
    const { gong } = testClient(server.url);
    const result = await gong.unassignByFlowInstanceIds(input);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(server.requests[1]?.json).toEqual({
      flowInstanceIds: ["f1", "f2"],
      unassignedByUserEmail: "ops@example.com",
    });
    expect(result.unassignedFlowInstanceIds).toEqual(["f1", "f2"]);
  });

  it("sends the same bytes on every attempt of a single-request call too (the object itself is never sent)", async () => {
    const input: { crmProspectId: string; flowId?: string } = { crmProspectId: "p1", flowId: "flow-1" };
    server.respond((_request, index) => {
      if (index === 0) {
        input.flowId = "another-flow";
        return { status: 500 };
      }
      return { status: 200, body: { unassignedFlowInstanceIds: [] } };
    });
    const { gong } = testClient(server.url);
    await gong.unassignByCrmProspectId(input);
    expect(server.requests.map((request) => request.json)).toEqual([
      { crmProspectId: "p1", flowId: "flow-1" },
      { crmProspectId: "p1", flowId: "flow-1" },
    ]);
  });

  it("sends what was validated even when the caller changes its object while the call waits for its rate-limit turn", async () => {
    const store = createMemoryRateLimitStore();
    const { gong, events } = testClient(server.url, { rateLimit: { requestsPerSecond: 5, store } });
    await gong.unassignByCrmProspectId({ crmProspectId: "first" });
    const input = { crmProspectId: "p1" };
    const call = gong.unassignByCrmProspectId(input);
    // The call is queued behind the first one's turn; its input changes meanwhile, to something invalid.
    input.crmProspectId = "";
    await call;
    expect(server.requests.map((request) => request.json)).toEqual([
      { crmProspectId: "first" },
      { crmProspectId: "p1" },
    ]);
    // It did wait for its turn: the change happened while it was queued.
    expect(events.filter((e) => e.type === "request").at(-1)).toMatchObject({ waitedMs: expect.any(Number) });
    expect((events.filter((e) => e.type === "request").at(-1) as { waitedMs: number }).waitedMs).toBeGreaterThan(0);
  });

  it("freezes bodies sent through raw too", async () => {
    const body = { crmProspectsIds: ["p1"] };
    server.respond((_request, index) => {
      if (index === 0) {
        body.crmProspectsIds[0] = "changed";
        return { status: 500 };
      }
      return { status: 200, body: {} };
    });
    const { gong } = testClient(server.url);
    await gong.raw.POST("/v2/flows/prospects", { body });
    expect(server.requests.map((request) => request.json)).toEqual([
      { crmProspectsIds: ["p1"] },
      { crmProspectsIds: ["p1"] },
    ]);
  });

  it("validates what JSON will carry: toJSON applied, undefined properties dropped", async () => {
    const { gong } = testClient(server.url);
    server.respond(() => ({ status: 200, body: {} }));
    const id = { toJSON: () => "from-toJSON" };
    await gong.listAssignedFlows({ crmProspectsIds: [id as unknown as string] });
    expect(server.requests[0]?.json).toEqual({ crmProspectsIds: ["from-toJSON"] });
  });

  it("refuses a body JSON cannot carry, before anything is sent", async () => {
    const { gong } = testClient(server.url);
    const cyclic: Record<string, unknown> = { crmProspectId: "p1" };
    cyclic["self"] = cyclic;
    const error = await rejectionOf(gong.unassignByCrmProspectId(cyclic as never));
    expect(error).toBeInstanceOf(GongValidationError);
    expect((error as GongValidationError).issues[0]?.message).toMatch(/^cannot be sent as JSON/);
    const big = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: 1n } as never));
    expect(big).toBeInstanceOf(GongValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("raw without a body", () => {
  it("refuses a call whose operation requires a body, and sends nothing", async () => {
    const { gong } = testClient(server.url);
    // @ts-expect-error the spec requires a body for this operation: the types say so too
    const error = await rejectionOf(gong.raw.POST("/v2/flows/prospects"));
    expect(error).toBeInstanceOf(GongValidationError);
    expect((error as GongValidationError).issues).toEqual([
      { path: "", message: "is required: this operation takes a request body" },
    ]);
    expect(server.requests).toHaveLength(0);
  });
});
