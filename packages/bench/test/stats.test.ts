import { describe, expect, it } from "vitest";
import { interleavedRounds, median, rotate, summarize } from "../src/lib/stats.js";

describe("stats", () => {
  it("takes the median of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it("summarizes as median, min, max and count", () => {
    expect(summarize([5, 1, 9, 3])).toEqual({ median: 4, min: 1, max: 9, n: 4 });
  });

  it("rotates arms so each one leads in turn", () => {
    expect(rotate(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(rotate(["a", "b", "c"], 1)).toEqual(["b", "c", "a"]);
    expect(rotate(["a", "b", "c"], 5)).toEqual(["c", "a", "b"]);
    expect(rotate([], 3)).toEqual([]);
  });

  it("runs every item once per round in rotating order, keeps results per item, skips undefined", async () => {
    const order: string[] = [];
    const finished: number[] = [];
    const samples = await interleavedRounds(
      ["a", "b", "c"],
      3,
      async (item, round) => {
        order.push(item);
        return item === "c" && round >= 1 ? undefined : `${item}${round}`;
      },
      (round) => finished.push(round),
    );
    expect(order).toEqual(["a", "b", "c", "b", "c", "a", "c", "a", "b"]);
    expect(finished).toEqual([0, 1, 2]);
    expect([...samples.entries()]).toEqual([
      ["a", ["a0", "a1", "a2"]],
      ["b", ["b0", "b1", "b2"]],
      ["c", ["c0"]],
    ]);
  });
});
