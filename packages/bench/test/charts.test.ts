import { describe, expect, it } from "vitest";
import { arrivalsPerWindow } from "../src/experiments/shared-limit/arrival-windows.js";
import { cliBulkChart } from "../src/experiments/cli-bulk/chart.js";
import { sharedLimitChart } from "../src/experiments/shared-limit/chart.js";
import type { CliBulkResult } from "../src/experiments/cli-bulk/measure.js";
import type { SharedLimitResult, SharedLimitRun } from "../src/experiments/shared-limit/measure.js";

const one = (value: number) => ({ median: value, min: value, max: value, n: 1 });

function run(processes: number, arrivalsPerSecond: number[] | undefined): SharedLimitRun {
  const figure = one(0);
  return {
    arm: "redis-store",
    processes,
    achievedRate: figure,
    shareOfLimit: figure,
    worstWindow: figure,
    worstWindowAtGo: figure,
    requests: figure,
    extraRedisCallsPerRequest: figure,
    arrivalsPerSecond,
  };
}

function sharedResult(runs: SharedLimitRun[]): SharedLimitResult {
  return {
    requestsPerSecond: 10,
    runMs: 5000,
    rounds: 1,
    arms: [{ id: "redis-store", label: "`@gong-flows/redis-rate-limit` <one key>" }],
    runs,
    turnCost: [],
    turnCostCalls: 0,
  };
}

/** The bars of the chart: process count, second, top edge and height. */
const bars = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"[^>]* data-processes="(\d+)" data-second="(\d+)"/g,
    ),
  ].map((match) => ({
    processes: Number(match[3]),
    second: Number(match[4]),
    top: match[1],
    height: Number(match[2]),
  }));

describe("arrivals per one-second window", () => {
  it("counts each arrival in its second from the start, empty seconds included, nothing before the start", () => {
    expect(arrivalsPerWindow([999, 1000.5, 1999, 3500, 3600], 1000)).toEqual([2, 0, 2]);
    expect(arrivalsPerWindow([], 1000)).toEqual([]);
  });
});

describe("the shared-limit chart", () => {
  it("draws a bar per process count in each second, as tall as its count, with the limit dashed", () => {
    const svg = sharedLimitChart(sharedResult([1, 2, 4, 8].map((n) => run(n, [10, 9, 10]))));
    expect(svg).toBeDefined();
    const drawn = bars(svg!);
    expect(drawn.map((bar) => `${bar.processes}@${bar.second}`)).toEqual([
      "1@0",
      "1@1",
      "1@2",
      "2@0",
      "2@1",
      "2@2",
      "4@0",
      "4@1",
      "4@2",
      "8@0",
      "8@1",
      "8@2",
    ]);
    // A 10-request second reaches exactly the limit line; a 9-request one is 9/10 as tall.
    const limit = /<line [^>]*y1="([\d.]+)"[^>]*stroke="#d62728"/.exec(svg!);
    expect(drawn[0]!.top).toBe(limit?.[1]);
    expect(drawn[1]!.height / drawn[0]!.height).toBeCloseTo(0.9, 2);
    expect(svg).toContain("limit 10/s");
    expect(svg).toContain("@gong-flows/redis-rate-limit &lt;one key&gt;");
    expect(svg).not.toContain("`");
  });

  it("is not drawn from results without a time series (runs made before they were recorded)", () => {
    expect(sharedLimitChart(sharedResult([run(1, undefined)]))).toBeUndefined();
  });
});

describe("the CLI bulk-job chart", () => {
  it("draws calls and wall time of each arm with its value, and the bound", () => {
    const arm = (id: string, calls: number, seconds: number) => ({
      id,
      label: id,
      rounds: 1,
      calls: one(calls),
      seconds: one(seconds),
      ratioToBound: one(0),
      rateLimited: one(0),
      stillAssigned: one(0),
      alreadyUnassignedIdsSent: one(0),
    });
    const result = {
      prospects: 10_000,
      flowInstances: 19_999,
      requestsPerSecond: 100,
      listBatchSize: 100,
      bound: { calls: 200, seconds: 2 },
      arms: [arm("cli", 200, 2.11), arm("naive", 10_000, 102.94)],
      memory: [],
    } as CliBulkResult;
    const svg = cliBulkChart(result);
    expect(svg.match(/<rect [^>]*height="20"/g)).toHaveLength(4);
    for (const text of [
      "gong-flows (CLI)",
      "naive loop",
      ">10,000<",
      ">200<",
      ">2.11 s<",
      ">102.94 s<",
      "bound 200",
      "bound 2 s",
    ])
      expect(svg).toContain(text);
  });
});
