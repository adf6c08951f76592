import { maxInWindow } from "@gong-flows/testkit";
import { describe, expect, it, vi } from "vitest";
import {
  createMemoryRateLimitStore,
  GongAbortError,
  GongBatchError,
  GongError,
  GongConfigurationError,
  GongRateLimitError,
  RateLimitRefusal,
  rateLimitDefaults,
  type RateLimitStore,
  type RateLimitTurn,
} from "../src/index.js";
import { accessKeySecret, rejectionOf, testClient } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

describe("the client's rate limiter", () => {
  it("keeps concurrent calls of one client at or below requestsPerSecond", async () => {
    // Send times are taken where the request leaves the client (its fetch), not where the in-process
    // server happens to read it, so that a busy event loop on the server side does not blur them.
    const sentAt: number[] = [];
    const { gong, events } = testClient(server.url, {
      rateLimit: { requestsPerSecond: 10 },
      fetch: (request) => {
        sentAt.push(performance.now());
        return fetch(request);
      },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => gong.unassignByCrmProspectId({ crmProspectId: `p${i}` })));
    expect(server.requests).toHaveLength(12);
    expect(sentAt).toHaveLength(12);
    // 10 a second: never more than 10 requests leave in any one second, even though each leaves a few
    // ms after its turn on this busy event loop (the limiter leaves room for that).
    expect(maxInWindow(sentAt, 1000)).toBeLessThanOrEqual(10);
    const sorted = [...sentAt].sort((a, b) => a - b);
    expect((sorted.at(-1) as number) - (sorted[0] as number)).toBeGreaterThanOrEqual(1000);
    // And the waits were the limiter's: most requests report having waited for their turn.
    const waited = events.filter((e) => e.type === "request" && e.waitedMs >= 50);
    expect(waited.length).toBeGreaterThanOrEqual(10);
  });

  it("holds every call of the client after a 429 until Retry-After has passed", async () => {
    server.respond((_request, index) =>
      index === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: { requestId: "req-429" } }
        : { status: 200, body: { requestId: `req-${index}`, unassignedFlowInstanceIds: [] } },
    );
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 20 } });
    const first = gong.unassignByCrmProspectId({ crmProspectId: "p0" });
    // Let the first request get its 429 before the others queue up behind the hold.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const heldStart = Date.now();
    await Promise.all([
      first,
      ...Array.from({ length: 4 }, (_, i) => gong.unassignByCrmProspectId({ crmProspectId: `p${i + 1}` })),
    ]);
    const [limited, ...after] = server.requests;
    expect(after).toHaveLength(5);
    for (const request of after) expect(request.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - heldStart).toBeGreaterThanOrEqual(700);
    // Nothing bounced: one 429 in all.
    expect(server.requests).toHaveLength(6);
  });

  it("sends without spacing when rateLimit is false", async () => {
    server.respond((_request, index) => ({ status: 200, body: { requestId: `req-${index}` } }));
    const { gong, events } = testClient(server.url, { rateLimit: false });
    await Promise.all(Array.from({ length: 10 }, (_, i) => gong.unassignByCrmProspectId({ crmProspectId: `p${i}` })));
    const requests = events.filter((e) => e.type === "request");
    expect(requests).toHaveLength(10);
    for (const event of requests) expect(event).toMatchObject({ waitedMs: 0 });
  });
});

describe("the memory store (createMemoryRateLimitStore)", () => {
  const turn = (requestsPerSecond: number | undefined, extra: Partial<RateLimitTurn> = {}): RateLimitTurn => ({
    requestsPerSecond,
    maxWaitMs: Number.POSITIVE_INFINITY,
    ...extra,
  });

  it("hands out turns one interval apart, and restarts them one interval apart after a hold", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = createMemoryRateLimitStore();
      const startedAt: number[] = [];
      const take = () => store.acquire(turn(4)).then(() => startedAt.push(Date.now()));
      const first = [take(), take(), take()];
      await vi.runAllTimersAsync();
      await Promise.all(first);
      // Slots (1000 + 75) / 4 = 268.75 ms apart (the default departure slack); on a ms clock each turn
      // goes at the first millisecond of its slot, and that rounding does not add up.
      expect(startedAt).toEqual([0, 269, 538]);

      startedAt.length = 0;
      vi.setSystemTime(10_000);
      store.hold(2_000);
      const second = [take(), take()];
      await vi.runAllTimersAsync();
      await Promise.all(second);
      expect(startedAt).toEqual([12_000, 12_269]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("spaces turns by its departure slack: (1000 + departureSlackMs) / requestsPerSecond ms", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      for (const [departureSlackMs, expected] of [
        [0, [0, 250, 500]],
        [rateLimitDefaults.departureSlackMs, [0, 269, 538]],
        [500, [0, 375, 750]],
      ] as const) {
        const store = createMemoryRateLimitStore({ departureSlackMs });
        const startedAt: number[] = [];
        const start = Date.now();
        const turns = [0, 1, 2].map(() => store.acquire(turn(4)).then(() => startedAt.push(Date.now() - start)));
        await vi.runAllTimersAsync();
        await Promise.all(turns);
        expect(startedAt).toEqual(expected);
        vi.setSystemTime(Date.now() + 10_000);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps a one-second window at the server within the limit when requests arrive up to 70 ms after their turn", async () => {
    // Turns at 10 a second; the first request takes 70 ms to reach the server, the others none: the
    // eleventh arrives a whole second after the first only if the slack covers the 70 ms. (With a
    // departure slack of 25 ms, as before, it does not.)
    vi.useFakeTimers({ now: 0 });
    try {
      const arrivalsWith = async (departureSlackMs?: number) => {
        const store = createMemoryRateLimitStore(departureSlackMs === undefined ? {} : { departureSlackMs });
        const arrivals: number[] = [];
        const turns = Array.from({ length: 15 }, (_, i) =>
          store.acquire(turn(10)).then(() => arrivals.push(Date.now() + (i === 0 ? 70 : 0))),
        );
        await vi.runAllTimersAsync();
        await Promise.all(turns);
        return arrivals;
      };
      expect(maxInWindow(await arrivalsWith())).toBe(10);
      expect(maxInWindow(await arrivalsWith(25))).toBe(11);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a departure slack out of range, or an unknown option, when it is created", () => {
    expect(() => createMemoryRateLimitStore({ departureSlackMs: -1 })).toThrow(
      new GongConfigurationError("departureSlackMs must be a number of milliseconds from 0 to 500, got -1."),
    );
    expect(() => createMemoryRateLimitStore({ departureSlackMs: 501 })).toThrow(/from 0 to 500, got 501/);
    expect(() => createMemoryRateLimitStore({ departureSlackMs: Number.NaN })).toThrow(GongConfigurationError);
    expect(() => createMemoryRateLimitStore({ departureSlack: 10 } as never)).toThrow(
      /Unknown option "departureSlack"; did you mean "departureSlackMs"\?/,
    );
  });

  it("never shortens a hold", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = createMemoryRateLimitStore();
      store.hold(5_000);
      store.hold(1_000);
      const granted = store.acquire(turn(undefined));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(await Promise.race([granted.then(() => "granted"), Promise.resolve("waiting")])).toBe("waiting");
      await vi.advanceTimersByTimeAsync(1);
      await expect(granted).resolves.toBe(5_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets requests through in order and, after the event loop was late, a whole interval apart: no catching up", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = createMemoryRateLimitStore();
      const startedAt: number[] = [];
      const order: number[] = [];
      const take = (n: number) =>
        store.acquire(turn(4)).then(() => {
          startedAt.push(Date.now());
          order.push(n);
        });
      const calls = [take(1), take(2), take(3)];
      await vi.advanceTimersByTimeAsync(0);
      // The event loop stalls for 600 ms: the timers fire late, together.
      vi.setSystemTime(600);
      await vi.runAllTimersAsync();
      await Promise.all(calls);
      expect(order).toEqual([1, 2, 3]);
      expect(startedAt[0]).toBe(0);
      for (let i = 1; i < startedAt.length; i++) {
        expect((startedAt[i] as number) - (startedAt[i - 1] as number)).toBeGreaterThanOrEqual(268);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops waiting at once when the signal aborts, and lets the next request go in its place", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = createMemoryRateLimitStore();
      await store.acquire(turn(2));
      const controller = new AbortController();
      const aborted = store.acquire(turn(2, { signal: controller.signal }));
      const next = store.acquire(turn(2));
      controller.abort(new Error("stop"));
      await expect(aborted).rejects.toThrow("stop");
      await vi.runAllTimersAsync();
      // The next one takes the aborted one's turn: one interval after the first, not two.
      await expect(next).resolves.toBe(538);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses with RateLimitRefusal when a hold is longer than the caller accepts, at once or when one starts", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = createMemoryRateLimitStore();
      const queued = store.acquire(turn(undefined, { maxWaitMs: 5_000 }));
      await expect(queued).resolves.toBe(0);
      store.hold(10_000);
      const refused = await store.acquire(turn(undefined, { maxWaitMs: 5_000 })).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitRefusal);
      expect(refused).toMatchObject({ retryAfterMs: 10_000, reason: "hold" });
      // A waiter already queued is refused too when a hold it will not wait for begins.
      const waiting = store.acquire(turn(1, { maxWaitMs: 20_000 }));
      const impatient = store.acquire(turn(1, { maxWaitMs: 15_000 })).catch((error: unknown) => error);
      store.hold(18_000);
      expect(await impatient).toMatchObject({ reason: "hold", retryAfterMs: 18_000 });
      await vi.runAllTimersAsync();
      await expect(waiting).resolves.toBe(18_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a custom rate-limit store (the contract others implement)", () => {
  /** A store that records what the client asks of it and answers as scripted. */
  function recordingStore(acquire: (turn: RateLimitTurn) => Promise<number> = () => Promise.resolve(0)) {
    const turns: RateLimitTurn[] = [];
    const holds: number[] = [];
    const store: RateLimitStore = {
      acquire(turn) {
        turns.push(turn);
        return acquire(turn);
      },
      hold(ms) {
        holds.push(ms);
      },
    };
    return { store, turns, holds };
  }

  it("is asked for one turn per attempt, with the client's spacing, maxRetryAfterMs and a signal", async () => {
    server.script({ status: 503 }, { status: 200, body: {} });
    const { store, turns } = recordingStore();
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 7, store }, maxRetryAfterMs: 12_345 });
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(turns).toHaveLength(2);
    for (const turn of turns) {
      expect(turn).toMatchObject({ requestsPerSecond: 7, maxWaitMs: 12_345 });
      expect(turn.signal).toBeInstanceOf(AbortSignal);
    }
    // The first request of a new client may open a connection, and says so; the retry, on the connection
    // its answered attempt left open, does not.
    expect(turns.map((turn) => turn.newConnection === true)).toEqual([true, false]);
  });

  it("is told every 429's Retry-After (in ms), or the backoff when there is none", async () => {
    server.script(
      { status: 429, headers: { "retry-after": "2" }, body: {} },
      { status: 429, body: {} },
      { status: 200, body: {} },
    );
    const { store, holds } = recordingStore();
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(holds[0]).toBe(2_000);
    expect(holds[1]).toBeGreaterThanOrEqual(0);
    expect(holds[1]).toBeLessThanOrEqual(20);
    expect(holds).toHaveLength(2);
  });

  it("refusing with daily-quota fails the call with GongRateLimitError, nothing sent", async () => {
    const { store } = recordingStore(() => Promise.reject(new RateLimitRefusal(3_600_000, "daily-quota")));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongRateLimitError);
    expect(error).toMatchObject({
      status: 429,
      refusal: "daily-quota",
      retryAfterMs: 3_600_000,
      operation: "unassignFlowsByCrmProspectId",
      requestId: undefined,
    });
    expect((error as Error).message).toBe(
      "Not sent: unassignFlowsByCrmProspectId: the daily quota is spent; retry in 3600 s.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("refusing with a message of the store's own quotes it, after saying the call was not sent", async () => {
    const { store } = recordingStore(() =>
      Promise.reject(
        new RateLimitRefusal(
          7_200_000,
          "daily-quota",
          "Not sent: the daily quota of 9000 calls shared through gong:acme is spent for this UTC day.",
        ),
      ),
    );
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect((error as Error).message).toBe(
      "Not sent: listAssignedFlows: the daily quota of 9000 calls shared through gong:acme is spent for this UTC day; retry in 7200 s.",
    );
  });

  it("refusing with hold says so", async () => {
    const { store } = recordingStore(() => Promise.reject(new RateLimitRefusal(90_000, "hold")));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toMatchObject({ refusal: "hold", retryAfterMs: 90_000 });
    expect((error as Error).message).toBe(
      "Not sent: listAssignedFlows: calls are held after a 429, longer than maxRetryAfterMs; retry in 90 s.",
    );
  });

  it("rejecting with a GongError (store unreachable) passes it through unchanged, nothing sent", async () => {
    const unreachable = new GongError(
      "rate-limit store unreachable: redis at 127.0.0.1:6390 did not answer within 5 s",
    );
    const { store } = recordingStore(() => Promise.reject(unreachable));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    expect(await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }))).toBe(unreachable);
    expect(server.requests).toHaveLength(0);
  });

  it("failing in any other way is a GongError, redacted, nothing sent", async () => {
    const { store } = recordingStore(() => Promise.reject(new TypeError(`bug while holding ${accessKeySecret}`)));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toBeInstanceOf(GongError);
    expect((error as Error).message).toBe(
      "listAssignedFlows: not sent: the rate-limit store failed (bug while holding [REDACTED])",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("waiting until the caller's signal aborts ends the call with GongAbortError", async () => {
    const { store } = recordingStore(
      (turn) =>
        new Promise((_resolve, reject) =>
          turn.signal?.addEventListener("abort", () => reject(turn.signal?.reason), { once: true }),
        ),
    );
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store } });
    const error = await rejectionOf(
      gong.listAssignedFlows({ crmProspectsIds: ["p1"] }, { signal: AbortSignal.timeout(50) }),
    );
    expect(error).toBeInstanceOf(GongAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("refusing part-way through a batch leaves the rest unprocessed, of known outcome", async () => {
    let turns = 0;
    const { store } = recordingStore(() =>
      turns++ === 0 ? Promise.resolve(0) : Promise.reject(new RateLimitRefusal(1_000, "daily-quota")),
    );
    server.respond((request) => ({
      status: 200,
      body: { unassignedFlowInstanceIds: (request.json as { flowInstanceIds: string[] }).flowInstanceIds },
    }));
    const { gong } = testClient(server.url, { rateLimit: { requestsPerSecond: 3, store }, batchConcurrency: 1 });
    const ids = Array.from({ length: 250 }, (_, i) => `f${i}`);
    const batch = (await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: ids }))) as GongBatchError;
    expect(batch).toBeInstanceOf(GongBatchError);
    expect(batch.cause).toMatchObject({ refusal: "daily-quota" });
    expect(batch.unassignedFlowInstanceIds).toEqual(ids.slice(0, 200));
    expect(batch.unprocessedIds).toEqual(ids.slice(200));
    expect(batch.outcomeUnknownIds).toEqual([]);
  });

  it("one memory store shared by two clients spaces both", async () => {
    const store = createMemoryRateLimitStore();
    const a = testClient(server.url, { rateLimit: { requestsPerSecond: 5, store } });
    const b = testClient(server.url, { rateLimit: { requestsPerSecond: 5, store } });
    await Promise.all([
      a.gong.listAssignedFlows({ crmProspectsIds: ["a"] }),
      b.gong.listAssignedFlows({ crmProspectsIds: ["b"] }),
      a.gong.listAssignedFlows({ crmProspectsIds: ["c"] }),
    ]);
    const waited = [...a.events, ...b.events]
      .filter((e) => e.type === "request")
      .map((e) => (e as { waitedMs: number }).waitedMs)
      .sort((x, y) => x - y);
    expect(waited[0]).toBe(0);
    expect(waited[1]).toBeGreaterThanOrEqual(150);
    expect(waited[2]).toBeGreaterThanOrEqual(350);
  });
});
