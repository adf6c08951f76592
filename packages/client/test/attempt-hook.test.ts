import { describe, expect, it } from "vitest";
import {
  GongAbortError,
  type GongAttemptEvent,
  type GongAttemptHook,
  type GongAttemptSettledEvent,
} from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { startFaultServer, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

/** A hook that keeps every event, and the settled ones' outcomes in short. */
function recording() {
  const events: GongAttemptEvent[] = [];
  const hook: GongAttemptHook = (event) => void events.push(event);
  const settled = () =>
    events
      .filter((e): e is GongAttemptSettledEvent => e.type === "settled")
      .map(({ attempt, sent, status, mayHaveActed }) => ({ attempt, sent, status, mayHaveActed }));
  return { events, hook, settled };
}

describe("onAttempt", () => {
  it("reports each attempt as it leaves and as it settles, with the operation and the ids of its request", async () => {
    server.script({ status: 503 }, { status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["f1"] } });
    const { events, hook } = recording();
    const { gong } = testClient(server.url, { onAttempt: hook });
    await gong.unassignByCrmProspectId({ crmProspectId: "p1" });
    const base = {
      operation: "unassignFlowsByCrmProspectId",
      method: "POST",
      path: "/v2/flows/prospects/unassign-flows-by-crm-id",
      ids: ["p1"],
    };
    expect(events).toEqual([
      { ...base, attempt: 1, type: "sending", hold: expect.any(Function) },
      { ...base, attempt: 1, type: "settled", sent: true, status: 503, mayHaveActed: true },
      { ...base, attempt: 2, type: "sending", hold: expect.any(Function) },
      { ...base, attempt: 2, type: "settled", sent: true, status: 200, mayHaveActed: true },
    ]);
  });

  it("gives each request of a batch its own ids", async () => {
    const { events, hook } = recording();
    const { gong } = testClient(server.url, { listBatchSize: 2, batchConcurrency: 1 });
    await gong.listAssignedFlows({ crmProspectsIds: ["a", "b", "c"] }, { onAttempt: hook });
    expect(events.filter((e) => e.type === "settled").map((e) => e.ids)).toEqual([["a", "b"], ["c"]]);
  });

  it("says a 4xx refusal (429 included) was not acted on", async () => {
    server.script({ status: 429, headers: { "retry-after": "0" } }, { status: 400, body: { errors: ["bad"] } });
    const { hook, settled } = recording();
    const { gong } = testClient(server.url, { onAttempt: hook });
    await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(settled()).toEqual([
      { attempt: 1, sent: true, status: 429, mayHaveActed: false },
      { attempt: 2, sent: true, status: 400, mayHaveActed: false },
    ]);
  });

  it("says a 5xx, a timeout and a connection reset after sending may have been acted on", async () => {
    server.script({ status: 500 }, { reset: true }, { hang: true });
    const { hook, settled } = recording();
    const { gong } = testClient(server.url, { onAttempt: hook, maxRetries: 2, timeoutMs: 150 });
    await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(settled()).toEqual([
      { attempt: 1, sent: true, status: 500, mayHaveActed: true },
      { attempt: 2, sent: true, status: undefined, mayHaveActed: true },
      { attempt: 3, sent: true, status: undefined, mayHaveActed: true },
    ]);
  });

  it("says a refused connection was not acted on", async () => {
    const closed = await startFaultServer();
    await closed.close();
    const { hook, settled } = recording();
    const { gong } = testClient(closed.url, { onAttempt: hook, maxRetries: 0 });
    await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(settled()).toEqual([{ attempt: 1, sent: true, status: undefined, mayHaveActed: false }]);
  });

  it("holds an attempt back from `sending`: it is not sent, not acted on, and the call is aborted", async () => {
    const { events, settled } = recording();
    const { gong } = testClient(server.url);
    const hook: GongAttemptHook = (event) => {
      events.push(event);
      if (event.type === "sending") event.hold();
    };
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { onAttempt: hook }));
    expect(error).toBeInstanceOf(GongAbortError);
    expect(server.requests).toHaveLength(0);
    expect(settled()).toEqual([{ attempt: 1, sent: false, status: undefined, mayHaveActed: false }]);
  });

  it("calls the client's hook, then the call's", async () => {
    const order: string[] = [];
    const { gong } = testClient(server.url, { onAttempt: (e) => void order.push(`client ${e.type}`) });
    await gong.listAssignedFlows({ crmProspectsIds: ["a"] }, { onAttempt: (e) => void order.push(`call ${e.type}`) });
    expect(order).toEqual(["client sending", "call sending", "client settled", "call settled"]);
  });

  it("never breaks a call when it throws or rejects", async () => {
    server.script({ status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["f1"] } });
    const throwing: GongAttemptHook = () => {
      throw new Error("hook broke");
    };
    const { gong } = testClient(server.url, { onAttempt: throwing });
    const rejecting = (async () => Promise.reject(new Error("hook broke"))) as GongAttemptHook;
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { onAttempt: rejecting })).resolves.toEqual({
      unassignedFlowInstanceIds: ["f1"],
      requestId: "r",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("is refused when it is not a function", () => {
    expect(() => testClient(server.url, { onAttempt: "yes" as unknown as GongAttemptHook })).toThrow(
      "onAttempt must be a function.",
    );
  });
});
