import { generateAssignedFlows } from "@gong-flows/mock";
import { processGroupAlive, scratchDir } from "@gong-flows/testkit";
import { describe, expect, it } from "vitest";
import { clientBulkArm, naiveLoopArm } from "../src/experiments/bulk/arms.js";
import { measureBulk } from "../src/experiments/bulk/measure.js";
import { clientArms } from "../src/experiments/overhead/client-arms.js";
import { openapiFetchArm, rawFetchArm } from "../src/experiments/overhead/fetch-arms.js";
import { measureOverhead } from "../src/experiments/overhead/measure.js";
import { startBenchMock } from "../src/lib/mock.js";
import { listPath, startStub } from "../src/lib/processes.js";

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
      const arms = [rawFetchArm(server.url), openapiFetchArm(server.url), ...clientArms(server.url)];
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
    const scratch = await scratchDir("gong-flows-bench-test-");
    const flows = generateAssignedFlows({ prospects: 1_000 });
    const mock = await startBenchMock(flows, scratch.path, "flows", 2);
    try {
      const result = await measureBulk(mock, [clientBulkArm(2), naiveLoopArm()], {
        ids: flows.flatMap((flow) => flow.flowInstanceId ?? []),
        requestsPerSecond: 2,
        rounds: 1,
      });
      const byId = new Map(result.arms.map((arm) => [arm.id, arm]));
      expect(byId.get("client")?.lostIds.max).toBe(0);
      expect(byId.get("client")?.stillAssigned.max).toBe(0);
      expect(byId.get("naive-openapi-fetch")?.lostIds.max).toBeGreaterThan(0);
      expect(byId.get("naive-openapi-fetch")?.rateLimited.max).toBeGreaterThan(0);
    } finally {
      await mock.stop();
      await scratch.remove();
    }
  });
});
