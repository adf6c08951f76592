import { describe, expect, it } from "vitest";
import { achievedRate, maxInWindow } from "../src/index.js";

describe("maxInWindow", () => {
  it("counts evenly spaced arrivals at the limit as the limit", () => {
    const times = Array.from({ length: 30 }, (_, i) => 1_000 + i * 102.5);
    expect(maxInWindow(times)).toBe(10);
  });

  it("finds a burst at the edge of two fixed windows (the defect a fixed-window limiter has)", () => {
    // 10 in the last 50 ms of one second, 10 in the first 50 ms of the next: 20 within 100 ms.
    const times = [
      ...Array.from({ length: 10 }, (_, i) => 950 + i * 5),
      ...Array.from({ length: 10 }, (_, i) => 1_000 + i * 5),
    ];
    expect(maxInWindow(times)).toBe(20);
  });

  it("counts two arrivals exactly one window apart in different windows, and is order-blind", () => {
    expect(maxInWindow([1_000, 0])).toBe(1);
    expect(maxInWindow([0, 999.9])).toBe(2);
    expect(maxInWindow([])).toBe(0);
  });

  it("catches a spacing that is 1 % too tight", () => {
    const times = Array.from({ length: 30 }, (_, i) => i * 99);
    expect(maxInWindow(times)).toBe(11);
  });
});

describe("achievedRate", () => {
  it("is (n − 1) per span", () => {
    expect(achievedRate([0, 100, 200, 300])).toBeCloseTo(10);
    expect(achievedRate([5])).toBe(0);
  });
});
