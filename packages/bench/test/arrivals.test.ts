import { describe, expect, it } from "vitest";
import { maxInFixedSecond, strictRefusals } from "../src/experiments/busy-limit/measure.js";
import { arrivalsPerWindow } from "../src/experiments/shared-limit/arrival-windows.js";

describe("judging arrivals as a strict server would", () => {
  it("refuses the calls past the limit in any sliding second, counting only the admitted ones", () => {
    // Three a second allowed: the fourth within a second of the first is refused; one at exactly a
    // second after the first is admitted (the first has left the window).
    expect(strictRefusals([0, 300, 600, 900, 1000], 3)).toBe(1);
    expect(strictRefusals([0, 340, 680, 1020, 1360], 3)).toBe(0);
    // A refused call does not count against the next ones.
    expect(strictRefusals([0, 100, 200, 300, 400, 1050], 3)).toBe(2);
  });

  it("counts a fixed-window server's busiest second, which can be under the sliding one's", () => {
    const times = [600, 800, 900, 1100, 1200];
    expect(maxInFixedSecond(times)).toBe(3);
    expect(strictRefusals(times, 3)).toBe(2);
  });
});

describe("arrivals per one-second window", () => {
  it("counts each arrival in its second from the start, empty seconds included, nothing before the start", () => {
    expect(arrivalsPerWindow([999, 1000.5, 1999, 3500, 3600], 1000)).toEqual([2, 0, 2]);
    expect(arrivalsPerWindow([], 1000)).toEqual([]);
  });
});
