import { afterEach, describe, expect, it, vi } from "vitest";
import { createNewConnectionGate, type Release } from "../src/new-connection-gate.js";
import { testClient } from "./support/client.js";
import { type RecordedRequest, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();
afterEach(() => vi.useRealTimers());

/** Resolves with the `Release` of a gate's `enter`, and says whether it had to wait. */
async function entered(gate: ReturnType<typeof createNewConnectionGate>, signal = new AbortController().signal) {
  const result = gate.enter(signal);
  return { waited: typeof result !== "function", leave: await result };
}

describe("the new-connection gate", () => {
  it("lets the first request of an idle client go alone, and the next ones one interval after its answer, in order", async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = createNewConnectionGate(4);
    const first = await entered(gate);
    expect(first.waited).toBe(false);
    const order: number[] = [];
    const next = [1, 2, 3].map((n) =>
      entered(gate).then((e) => {
        order.push(n);
        return e;
      }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual([]); // the first request has not been answered yet
    vi.setSystemTime(1_300);
    first.leave();
    await vi.advanceTimersByTimeAsync(249);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual([1, 2, 3]);
    for (const e of await Promise.all(next)) expect(e.waited).toBe(true);
  });

  it("waits at most 2 s for an answer", async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = createNewConnectionGate(10);
    await entered(gate);
    let passed = false;
    const next = entered(gate).then(() => (passed = true));
    await vi.advanceTimersByTimeAsync(2_099);
    expect(passed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(passed).toBe(true);
  });

  it("lets warm requests through at once, and counts the client idle only with nothing in flight", async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = createNewConnectionGate(10);
    (await entered(gate)).leave();
    await vi.advanceTimersByTimeAsync(100);
    const inFlight: Release[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await entered(gate);
      expect(e.waited).toBe(false);
      inFlight.push(e.leave);
    }
    // Long after, but with requests still in flight: their connections are open, nothing is cold.
    vi.setSystemTime(60_000);
    const warm = await entered(gate);
    expect(warm.waited).toBe(false);
    for (const leave of [...inFlight, warm.leave]) leave();
    vi.setSystemTime(70_000);
    // Idle for 10 s: the next request may open a new connection, so it goes alone again.
    const cold = await entered(gate);
    expect(cold.waited).toBe(false);
    const after = gate.enter(new AbortController().signal);
    expect(typeof after).not.toBe("function");
  });

  it("stops a waiter at once when its signal aborts", async () => {
    const gate = createNewConnectionGate(10);
    await entered(gate);
    const controller = new AbortController();
    const waiting = entered(gate, controller.signal);
    controller.abort(new Error("enough"));
    await expect(waiting).rejects.toThrow("enough");
  });

  it("does nothing when the rate limit is off", async () => {
    const gate = createNewConnectionGate(undefined);
    expect((await entered(gate)).waited).toBe(false);
    expect((await entered(gate)).waited).toBe(false);
  });
});

describe("a batch on a new client", () => {
  it("sends its requests in order, the first alone", async () => {
    server.respond((request: RecordedRequest) => ({
      status: 200,
      body: { unassignedFlowInstanceIds: (request.json as { flowInstanceIds: string[] }).flowInstanceIds },
    }));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 20 }, batchConcurrency: 4 });
    await gong.unassignByFlowInstanceIds({ flowInstanceIds: Array.from({ length: 450 }, (_, i) => `f${i}`) });
    expect(server.requests.map((r) => (r.json as { flowInstanceIds: string[] }).flowInstanceIds.length)).toEqual([
      200, 200, 50,
    ]);
  });
});
