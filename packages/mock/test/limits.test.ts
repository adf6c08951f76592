// Gong's limits: calls per second and per UTC day, each answered with 429 and an integer Retry-After
// that says when a call would be admitted. Time comes from an injected clock: no test waits.
import { describe, expect, it } from "vitest";
import { createGongMock } from "../src/index.js";
import { call, manualClock } from "./support/calls.js";

const list = (mock: ReturnType<typeof createGongMock>) =>
  call(mock, "listAssignedFlows", { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });

describe("rate limit (--rps)", () => {
  it("admits rps calls in any one second; the next gets 429 with Retry-After until the oldest leaves the window", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 3, clock });
    for (const _ of [0, 1, 2]) {
      expect((await list(mock)).status).toBe(200);
      clock.advance(100); // calls at 0, 100 and 200 ms
    }
    const refused = await list(mock); // at 300 ms
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body).toEqual({
      requestId: expect.any(String),
      errors: ["API rate limit of 3 calls per second exceeded."],
    });
    clock.advance(699); // 999 ms: the call at 0 is still in the window
    expect((await list(mock)).status).toBe(429);
    clock.advance(1); // 1000 ms: it has left
    expect((await list(mock)).status).toBe(200);
    expect((await list(mock)).status).toBe(429); // 100 and 200 ms are still in, and 1000 ms is
  });

  it("does not count refused calls: a client that waits Retry-After gets through", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 1, clock });
    expect((await list(mock)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await list(mock)).status).toBe(429);
    clock.advance(Number((await list(mock)).headers.get("retry-after")) * 1000);
    expect((await list(mock)).status).toBe(200);
  });

  it("counts a call from when it arrived, not from when its answer was ready", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 1, clock });
    mock.injectFault({ latencyMs: 2_000 }); // the first call's answer takes 2 s (the clock moves on)
    expect((await list(mock)).status).toBe(200);
    // Arrived at 0 ms, so a call at 2,000 ms has the window to itself.
    expect((await list(mock)).status).toBe(200);
  });

  it("keeps its window in order when calls are handled out of the order they arrived in", async () => {
    const { CallLimits } = await import("../src/limits.js");
    const limits = new CallLimits({ requestsPerSecond: 2, dailyQuota: 0, clock: manualClock() });
    const t0 = Date.parse("2025-06-02T10:00:00.000Z");
    expect(limits.admit(t0 + 500).admitted).toBe(true);
    expect(limits.admit(t0).admitted).toBe(true);
    expect(limits.admit(t0 + 900)).toEqual({ admitted: false, limit: "rate", retryAfterSeconds: 1 });
    expect(limits.admit(t0 + 1_000).admitted).toBe(true); // t0 has left; t0 + 500 is still in
    expect(limits.admit(t0 + 1_100).admitted).toBe(false);
  });

  it("0 means no limit", async () => {
    const mock = createGongMock({ rps: 0, clock: manualClock() });
    for (let i = 0; i < 50; i++) expect((await list(mock)).status).toBe(200);
  });

  it("counts every operation in the one limit", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 2, clock });
    expect((await list(mock)).status).toBe(200);
    expect((await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "x" })).status).toBe(200);
    expect((await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["x"] })).status).toBe(429);
  });
});

describe("daily quota (--daily-quota)", () => {
  it("admits dailyQuota calls per UTC day; then 429 with Retry-After until midnight UTC, to the second, rounded up", async () => {
    const clock = manualClock("2025-06-02T23:59:00.000Z");
    const mock = createGongMock({ rps: 0, dailyQuota: 3, clock });
    for (let i = 0; i < 3; i++) expect((await list(mock)).status).toBe(200);
    clock.advance(500); // 23:59:00.500: 59.5 s to midnight
    const refused = await list(mock);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.body["errors"]).toEqual(["API daily quota of 3 calls exceeded; it renews at midnight UTC."]);
    clock.set("2025-06-02T23:59:59.999Z");
    expect((await list(mock)).headers.get("retry-after")).toBe("1");
    clock.set("2025-06-03T00:00:00.000Z");
    expect((await list(mock)).status).toBe(200);
  });

  it("says how long until midnight from early in the day", async () => {
    const clock = manualClock("2025-06-02T00:00:00.000Z");
    const mock = createGongMock({ rps: 0, dailyQuota: 1, clock });
    await list(mock);
    clock.advance(1_000);
    expect((await list(mock)).headers.get("retry-after")).toBe(String(86_400 - 1));
  });

  it("takes precedence over the rate limit: the longer wait is the true one", async () => {
    const clock = manualClock("2025-06-02T12:00:00.000Z");
    const mock = createGongMock({ rps: 1, dailyQuota: 1, clock });
    await list(mock);
    const refused = await list(mock);
    expect(refused.headers.get("retry-after")).toBe(String(12 * 3600));
  });

  it("counts refused-for-content calls (400) but not calls refused for credentials (401)", async () => {
    const mock = createGongMock({ rps: 0, dailyQuota: 2, clock: manualClock() });
    expect((await call(mock, "listAssignedFlows", {}, { authorization: null })).status).toBe(401);
    expect((await call(mock, "listAssignedFlows", {})).status).toBe(400);
    expect((await list(mock)).status).toBe(200);
    expect((await list(mock)).status).toBe(429);
  });

  it("is renewed by reset", async () => {
    const mock = createGongMock({ rps: 0, dailyQuota: 1, clock: manualClock() });
    await list(mock);
    expect((await list(mock)).status).toBe(429);
    mock.reset();
    expect((await list(mock)).status).toBe(200);
  });
});
