import { describe, expect, it } from "vitest";
import { assignBound, type CliAssignResult } from "../src/experiments/cli-assign/measure.js";
import cliAssign from "../src/experiments/cli-assign/index.js";
import type { MachineInfo } from "../src/results.js";
import { machine, one } from "./fixtures.js";

/** A result of one round: the calls, the wall time, the prospects in the flow and those in it twice. */
const result = (
  calls: number,
  seconds: number,
  inFlow = 10_000,
  assignedTwice = 0,
): CliAssignResult & { machine: MachineInfo } => {
  const bound = assignBound(10_000, 3);
  return {
    prospects: 10_000,
    requestsPerSecond: 3,
    listBatchSize: 100,
    assignBatchSize: 100,
    flow: { id: "1695493301223590794", name: "Event Follow-up" },
    bound,
    figures: {
      rounds: 1,
      calls: one(calls),
      listFlowsCalls: one(1),
      listCalls: one(100),
      assignCalls: one(calls - 101),
      rateLimited: one(0),
      seconds: one(seconds),
      ratioToBound: one(seconds / bound.seconds),
      reportedAssigned: one(inFlow),
      reportedOther: one(10_000 - inFlow),
      inFlow: one(inFlow),
      assignedTwice: one(assignedTwice),
    },
    machine,
  };
};

describe("the CLI's assign figures", () => {
  it("bounds 10,000 prospects at 3 calls/s by one page of flows, 100 list and 100 assign calls: 201 calls, 67 s", () => {
    expect(assignBound(10_000, 3)).toEqual({ flowLookup: 1, list: 100, assign: 100, calls: 201, seconds: 67 });
    expect(assignBound(10_001, 3)).toMatchObject({ list: 101, assign: 101, calls: 203 });
  });

  it("judges the calls against the bound, the wall time against 1.10× it, and every prospect in the flow once", () => {
    expect(cliAssign.goalRows(result(201, 70)).map((row) => row[3])).toEqual(["**met**", "**met**", "**met**"]);
    // 73.7 s is exactly 1.10× the 67 s bound: still met; 75 s is 1.12×: missed by 2 points (1.11×: by 1 point).
    expect(cliAssign.goalRows(result(201, 73.7))[1]?.[3]).toBe("**met**");
    const missed = cliAssign.goalRows(result(203, 75, 9_999, 1));
    expect(missed.map((row) => row[3])).toEqual(["**missed** by 2 calls", "**missed** by 2 points", "**missed**"]);
    expect(cliAssign.goalRows(result(202, 74.4)).map((row) => row[3])).toEqual([
      "**missed** by 1 call",
      "**missed** by 1 point",
      "**met**",
    ]);
    expect(cliAssign.goalRows(result(201, 70))[1]?.[2]).toBe(
      "70.00 s = 1.04× the bound (2.10× the 100 assign calls' 33.33 s alone)",
    );
  });

  it("renders the block with the bound spelled out, or says how to measure it", () => {
    const block = cliAssign.render(result(201, 70));
    expect(block).toContain(
      "Bound: 1 page of flows + ceil(10,000 / 100) list + ceil(10,000 / 100) assign = 201 calls = 67.00 s.",
    );
    expect(block).toContain("| prospects in Event Follow-up at the mock afterwards | 10,000 |");
    expect(block).toContain("| flow instances beyond one per prospect | 0 |");
    expect(cliAssign.goalRows(undefined).every((row) => row[2] === "not measured")).toBe(true);
    expect(cliAssign.render(undefined)).toContain("pnpm bench --only=cli-assign");
  });
});
