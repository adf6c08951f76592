import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createGongFlowsClient, GongAbortError } from "../src/index.js";
import { setLongTimeout } from "../src/timers.js";
import { bearerToken, rejectionOf } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
process.on("warning", onWarning);
// The worker runs other files after this one (shared modules): leave its process as found.
afterAll(() => {
  process.off("warning", onWarning);
});
afterEach(() => {
  warnings.length = 0;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const day = 24 * 60 * 60 * 1000;

describe("waits longer than setTimeout's 2^31-1 ms", () => {
  it("setLongTimeout fires after the whole delay, re-arming past 24.8 days", () => {
    vi.useFakeTimers({ now: 0 });
    let fired = 0;
    setLongTimeout(() => fired++, 2 ** 31 + 5_000);
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
  });

  it("a cancelled long timer never fires, whichever chunk it is in", () => {
    vi.useFakeTimers({ now: 0 });
    let fired = 0;
    const timer = setLongTimeout(() => fired++, 3 * 2 ** 31);
    vi.advanceTimersByTime(2 ** 31 + 10);
    timer.cancel();
    vi.advanceTimersByTime(4 * 2 ** 31);
    expect(fired).toBe(0);
  });

  it("timeoutMs: 3e9 does not time out a 50 ms answer, and warns nothing", async () => {
    server.respond(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { status: 200, body: { requestId: "r", prospectsAssigned: [] } };
    });
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken }, timeoutMs: 3e9, maxRetries: 0 });
    await expect(gong.listAssignedFlows({ crmProspectsIds: ["p1"] })).resolves.toEqual({
      flows: [],
      requestIds: ["r"],
    });
    expect(warnings.filter((w) => w.name === "TimeoutOverflowWarning")).toEqual([]);
  });

  it("a 30-day hold (maxRetryAfterMs raised to allow it) neither spins nor warns", async () => {
    server.script({ status: 429, headers: { "retry-after": String(30 * 24 * 60 * 60) }, body: {} });
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken },
      maxRetryAfterMs: 31 * day,
      rateLimit: false,
    });
    const controller = new AbortController();
    const call = rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }, { signal: controller.signal }));
    // Let the 429 arrive and the hold begin, then count the timers set while the call waits.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const timers = vi.spyOn(globalThis, "setTimeout");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const armedWhileWaiting = timers.mock.calls.length - 1; // minus the test's own wait
    controller.abort(new Error("enough"));
    expect(await call).toBeInstanceOf(GongAbortError);
    expect(armedWhileWaiting).toBeLessThanOrEqual(2);
    expect(server.requests).toHaveLength(1);
    expect(warnings.filter((w) => w.name === "TimeoutOverflowWarning")).toEqual([]);
  });
});
