import { describe, expect, it } from "vitest";
import { judge } from "../src/experiments/bulk/measure.js";

describe("judge: what counts as a lost id", () => {
  const given = ["a", "b", "c", "d"];

  it("loses nothing when every id is reported as what happened to it", () => {
    expect(judge(given, ["a", "b"], { unassigned: ["a", "b"], notUnassigned: ["c"], unknown: ["d"] })).toEqual({
      lost: 0,
      stillAssigned: 2,
      unassignedAtServer: 2,
    });
  });

  it("counts ids still assigned that the caller never mentions (a swallowed 429)", () => {
    expect(judge(given, ["a", "b"], { unassigned: ["a", "b"], notUnassigned: [], unknown: [] }).lost).toBe(2);
  });

  it("counts ids unassigned at the server that the caller does not report as unassigned", () => {
    expect(
      judge(given, ["a", "b", "c", "d"], { unassigned: ["a"], notUnassigned: [], unknown: ["b", "c", "d"] }).lost,
    ).toBe(3);
  });
});
