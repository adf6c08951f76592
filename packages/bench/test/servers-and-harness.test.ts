import { generateAssignedFlows } from "@gong-flows/mock";
import { processGroupAlive } from "@gong-flows/testkit";
import { describe, expect, it } from "vitest";
import { clientBulkArm, naiveLoopArm } from "../src/experiments/bulk/arms.js";
import { measureBulk } from "../src/experiments/bulk/measure.js";
import { cliAssignSettings, measureCliAssign } from "../src/experiments/cli-assign/measure.js";
import { measureMemory } from "../src/experiments/cli-bulk/memory.js";
import { overheadArms } from "../src/experiments/overhead/arms.js";
import { measureOverhead } from "../src/experiments/overhead/measure.js";
import { withBenchMock } from "../src/lib/mock.js";
import type { LimitArmId, LimitWorkerPlan } from "../src/lib/limit-worker.js";
import { listPath, runLimitWorkers, startStub, withRedisAndStub } from "../src/lib/processes.js";

// These tests run the benchmark machinery on a tiny scale to show it works end to end. They assert what
// the servers and callers do, never how fast: timings on a shared machine are not test material.

describe("the stub server process", () => {
  it("answers the list call, records arrivals until reset, and is gone after stop()", async () => {
    const server = await startStub();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const post = () =>
        fetch(`${server.url}${listPath}`, { method: "POST", body: "{}", headers: { "x-gone-at": "7" } });
      const first = await post();
      expect(first.status).toBe(200);
      expect(((await first.json()) as { prospectsAssigned: unknown[] }).prospectsAssigned).toHaveLength(1);
      await (await post()).arrayBuffer();
      const recorded = await server.arrivals();
      expect(recorded.arrivals).toHaveLength(2);
      expect(recorded.goneAt).toEqual([7, 7]);
      await server.reset();
      expect((await server.arrivals()).arrivals).toEqual([]);
    } finally {
      await server.stop();
    }
    expect(processGroupAlive(server.pid)).toBe(false);
  });
});

describe("the harness on a tiny scale", () => {
  it("measures every overhead arm, the client's included, and pairs the ratios", async () => {
    const server = await startStub();
    try {
      const arms = overheadArms(server.url);
      const result = await measureOverhead(arms, {
        rounds: 2,
        callsPerRound: 20,
        concurrency: 4,
        warmupCalls: 5,
        baselineId: "openapi-fetch",
        floorId: "raw-fetch",
      });
      expect(result.arms.map((arm) => arm.id)).toEqual(["raw-fetch", "openapi-fetch", "client", "client-raw"]);
      const baseline = result.arms.find((arm) => arm.id === "openapi-fetch")!;
      expect(baseline.ratioToBaseline).toEqual({ median: 1, min: 1, max: 1, n: 2 });
      for (const arm of result.arms) expect(arm.microsPerCall.median).toBeGreaterThan(0);
      // 4 arms × (5 warm-up + 2 rounds × 20) calls, nothing else.
      expect((await server.arrivals()).arrivals).toHaveLength(4 * (5 + 40));
    } finally {
      await server.stop();
    }
  });

  it("bulk against the mock: the client loses no id under the limit; the naive loop silently does", async () => {
    // 1,000 ids are 5 requests; at 2 a second the naive loop, which sends as fast as answers come,
    // meets 429s even on a crawling machine, while the client's five requests take about two seconds.
    const flows = generateAssignedFlows({ prospects: 1_000 });
    const ids = flows.flatMap((flow) => flow.flowInstanceId ?? []);
    const result = await withBenchMock(flows, 2, (mock) =>
      measureBulk(mock, [clientBulkArm(2), naiveLoopArm], { ids, requestsPerSecond: 2, rounds: 1 }),
    );
    const byId = new Map(result.arms.map((arm) => [arm.id, arm]));
    expect(byId.get("client")?.lostIds.max).toBe(0);
    expect(byId.get("client")?.stillAssigned.max).toBe(0);
    expect(byId.get("naive-openapi-fetch")?.lostIds.max).toBeGreaterThan(0);
    expect(byId.get("naive-openapi-fetch")?.rateLimited.max).toBeGreaterThan(0);
  });
});

describe("the rate-limit workers", () => {
  it("take turns from each arm, or call through the client with each store, and every request reaches the stub", async () => {
    const ways: [LimitArmId, LimitWorkerPlan["via"]][] = [
      ["redis-store", "turns"],
      ["memory-split", "turns"],
      ["rate-limiter-flexible", "turns"],
      ["redis-store", "client"],
      ["memory-store", "client"],
    ];
    await withRedisAndStub(async (redisUrl, stub) => {
      for (const [arm, via] of ways) {
        const startAt = Date.now() + 1_500;
        const plan = {
          arm,
          via,
          processes: 2,
          concurrency: 2,
          requestsPerSecond: 10,
          redisUrl,
          key: `test:${arm}:${via}`,
          startAt,
          endAt: startAt + 500,
        };
        const { reports, arrivals } = await runLimitWorkers(stub, plan, 30_000, false);
        const sent = reports.reduce((sum, report) => sum + report.sent, 0);
        expect(sent, `${arm} via ${via}`).toBeGreaterThan(0);
        expect(arrivals, `${arm} via ${via}`).toHaveLength(sent);
      }
    });
  });
});

describe("the CLI experiments on a tiny scale", () => {
  it("assign: the built command puts every prospect in the flow once, within the bound's calls", async () => {
    const settings = { ...cliAssignSettings, prospects: 30, requestsPerSecond: 50, rounds: 1 };
    const { bound, figures } = await measureCliAssign(() => undefined, settings);
    expect(bound).toMatchObject({ flowLookup: 1, list: 1, assign: 1, calls: 3 });
    expect(figures.inFlow.min).toBe(30);
    expect(figures.reportedAssigned.min).toBe(30);
    expect(figures.assignedTwice.max).toBe(0);
    expect(figures.calls.max).toBe(3);
  });

  it("memory: the command's peak memory comes back from its own process, with and without the heap cap", async () => {
    const runs = await measureMemory(300, () => undefined);
    expect(runs.map((run) => run.nodeOptions)).toEqual(["", "--max-old-space-size=128"]);
    for (const run of runs) {
      expect(run.peakRssMiB).toBeGreaterThan(10);
      expect(run.calls).toBeGreaterThanOrEqual(3);
    }
  });
});
