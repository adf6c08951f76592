import { describe, expect, it } from "vitest";
import { judgeWindows } from "./support/judge.js";

const evenly = (count: number, gapMs: number, deliveryMs = 1) =>
  Array.from({ length: count }, (_, i) => ({ goneAt: i * gapMs, at: i * gapMs + deliveryMs }));

describe("judgeWindows", () => {
  it("passes requests spaced at the limit with its slack", () => {
    const verdict = judgeWindows(evenly(30, 102.5), 10, 20);
    expect(verdict).toEqual({ maxAtStore: 10, maxAtServer: 10, unexplained: [], explainedByDelay: 0 });
  });

  it("blames the store for grants too close together, whatever the delivery", () => {
    const verdict = judgeWindows(evenly(30, 95), 10, 20);
    expect(verdict.maxAtStore).toBe(11);
    expect(verdict.unexplained.length).toBeGreaterThan(0);
  });

  it("blames the store for a window over the limit at the server when every delivery was within the budget", () => {
    // Grants exactly 100 ms apart (no slack): each window of "go" moments holds ten, but a 15 ms delivery
    // of the first and 1 ms of the eleventh put eleven in one second at the server.
    const deliveries = evenly(11, 100).map((delivery, i) =>
      i === 0 ? { ...delivery, at: delivery.goneAt + 15 } : delivery,
    );
    const verdict = judgeWindows(deliveries, 10, 20);
    expect(verdict.maxAtStore).toBe(10);
    expect(verdict.maxAtServer).toBe(11);
    expect(verdict.unexplained).toEqual([{ from: 15, count: 11 }]);
  });

  it("puts a window over the limit down to the machine when a delivery in it took longer than the budget", () => {
    const deliveries = evenly(11, 102.5).map((delivery, i) =>
      i === 0 ? { ...delivery, at: delivery.goneAt + 40 } : delivery,
    );
    const verdict = judgeWindows(deliveries, 10, 20);
    expect(verdict.maxAtServer).toBe(11);
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.explainedByDelay).toBe(1);
  });
});
