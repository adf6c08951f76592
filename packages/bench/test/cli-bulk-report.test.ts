import { describe, expect, it } from "vitest";
import cliBulk from "../src/experiments/cli-bulk/index.js";
import type { CliBulkResult } from "../src/experiments/cli-bulk/measure.js";
import type { MachineInfo } from "../src/results.js";
import { machine, one } from "./fixtures.js";

const arm = (id: "cli" | "naive", calls: number, seconds: number): CliBulkResult["arms"][number] => ({
  id,
  label: id,
  rounds: 1,
  calls: one(calls),
  seconds: one(seconds),
  ratioToBound: one(seconds / 2),
  rateLimited: one(0),
  stillAssigned: one(0),
  alreadyUnassignedIdsSent: one(0),
});
const result = (
  cliCalls: number,
  cliSeconds: number,
  peakRssMiB: number,
): CliBulkResult & { machine: MachineInfo } => ({
  prospects: 10_000,
  flowInstances: 19_999,
  requestsPerSecond: 100,
  listBatchSize: 100,
  bound: { calls: 200, seconds: 2 },
  arms: [arm("cli", cliCalls, cliSeconds), arm("naive", 10_000, 101)],
  memory: [
    {
      nodeOptions: "",
      prospects: 100_000,
      flowInstances: 199_999,
      peakRssMiB,
      peakHeapUsedMiB: 80,
      seconds: 20,
      calls: 2_000,
      exitCode: 0,
    },
  ],
  machine,
});

describe("the CLI's bulk-job figures", () => {
  it("judges each goal: calls against 1/50 of the naive loop's, wall time against 1.10× the bound, memory against 256 MB", () => {
    const rows = cliBulk.goalRows(result(200, 2.1, 150));
    expect(rows.map((row) => row[3])).toEqual(["**met**", "**met**", "**met**"]);
    // 244 MiB is 255.9 MB: under the goal; 250 MiB is 262.1 MB: over it.
    expect(cliBulk.goalRows(result(200, 2.1, 244))[2]?.[3]).toBe("**met**");
    const missed = cliBulk.goalRows(result(201, 2.4, 250));
    expect(missed.map((row) => row[3])).toEqual([
      "**missed**: 1/49.8",
      "**missed** by 10 points",
      "**missed** with Node's defaults by 6 MB",
    ]);
  });

  it("says so when nothing was measured", () => {
    expect(cliBulk.goalRows(undefined).every((row) => row[2] === "not measured")).toBe(true);
    expect(cliBulk.render(undefined)).toContain("pnpm bench --only=cli-bulk");
  });

  it("renders one row per arm, with the bound it is judged by", () => {
    const text = cliBulk.render(result(200, 2.1, 150));
    expect(text).toContain("Bound: ceil(10,000 / 100) + ceil(19,999 / 200) = 200 calls = 2.00 s.");
    expect(text).toContain("| cli | 1 | 200 | 2.10 | 1.05× | 0 | 0 | 0 |");
    expect(text).toContain("peak RSS **150 MiB** (157 MB)");
  });
});
