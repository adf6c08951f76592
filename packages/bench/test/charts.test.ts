import { describe, expect, it } from "vitest";
import { arrivalsPerWindow } from "../src/arrival-windows.js";
import { cliBulkChart, sharedLimitChart } from "../src/charts.js";
import type { CliBulkResult } from "../src/cli-bulk.js";
import type { SharedLimitResult, SharedLimitRun } from "../src/shared-limit.js";

const one = (value: number) => ({ median: value, min: value, max: value, n: 1 });

function run(processes: number, arrivalsPerSecond: number[] | undefined): SharedLimitRun {
  const figure = one(0);
  return { arm: "redis-store", processes, achievedRate: figure, shareOfLimit: figure, worstWindow: figure, worstWindowAtGo: figure, requests: figure, extraRedisCallsPerRequest: figure, arrivalsPerSecond };
}

function sharedResult(runs: SharedLimitRun[]): SharedLimitResult {
  return { requestsPerSecond: 10, runMs: 5000, rounds: 1, arms: [{ id: "redis-store", label: "`@gong-flows/redis-rate-limit` <one key>" }], runs, turnCost: [], turnCostCalls: 0 };
}

const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"[^>]* data-processes="(\d+)"/g)].map((match) => ({ processes: Number(match[2]), points: match[1]!.split(" ") }));

describe("arrivals per one-second window", () => {
  it("counts each arrival in its second from the start, empty seconds included, nothing before the start", () => {
    expect(arrivalsPerWindow([999, 1000.5, 1999, 3500, 3600], 1000)).toEqual([2, 0, 2]);
    expect(arrivalsPerWindow([], 1000)).toEqual([]);
  });
});

describe("the shared-limit chart", () => {
  it("draws one step line per process count, each window's count held across its second, with the limit dashed", () => {
    const svg = sharedLimitChart(sharedResult([1, 2, 4, 8].map((n) => run(n, [10, 9, 10]))));
    expect(svg).toBeDefined();
    const lines = polylines(svg!);
    expect(lines.map((line) => line.processes)).toEqual([1, 2, 4, 8]);
    expect(lines[0]!.points).toHaveLength(6);
    // The 10-request windows sit exactly on the limit line.
    const limit = /<line [^>]*y1="([\d.]+)"[^>]*stroke="#d62728"/.exec(svg!);
    expect(lines[0]!.points[0]!.split(",")[1]).toBe(limit?.[1]);
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
    const arm = (id: string, calls: number, seconds: number) => ({ id, label: id, rounds: 1, calls: one(calls), seconds: one(seconds), ratioToBound: one(0), rateLimited: one(0), stillAssigned: one(0), alreadyUnassignedIdsSent: one(0) });
    const result = { prospects: 10_000, flowInstances: 19_999, requestsPerSecond: 100, listBatchSize: 100, bound: { calls: 200, seconds: 2 }, arms: [arm("cli", 200, 2.11), arm("naive", 10_000, 102.94)], memory: [] } as CliBulkResult;
    const svg = cliBulkChart(result);
    expect(svg.match(/<rect [^>]*height="20"/g)).toHaveLength(4);
    for (const text of ["gong-flows (CLI)", "naive loop", ">10,000<", ">200<", ">2.11 s<", ">102.94 s<", "bound 200", "bound 2 s"]) expect(svg).toContain(text);
  });
});
