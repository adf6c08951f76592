import { processGroupAlive } from "@gong-flows/testkit";
import { describe, expect, it } from "vitest";
import { bulkArmsFor, overheadArmsFor } from "../src/arms.js";
import { flowInstanceIds, measureBulk } from "../src/bulk.js";
import { loadClient } from "../src/client-arms.js";
import { listPath, unassignByInstancePath } from "../src/gong-stub-server.js";
import { measureOverhead } from "../src/overhead.js";
import { startGongStubProcess } from "../src/start-gong-stub.js";

// These tests run the benchmark machinery on a tiny scale to show it works end to end. They assert what
// the servers and callers do, never how fast: timings on a shared machine are not test material.

describe("the stub server process", () => {
  it("answers the list call, enforces its limit with 429 + Retry-After, counts, and is gone after stop()", async () => {
    const server = await startGongStubProcess({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const first = await post(listPath, { crmProspectsIds: ["x"] });
      expect(first.status).toBe(200);
      expect(((await first.json()) as { prospectsAssigned: unknown[] }).prospectsAssigned).toHaveLength(1);
      const second = await post(unassignByInstancePath, { flowInstanceIds: ["1"] });
      expect(second.status).toBe(429);
      expect(second.headers.get("retry-after")).toBe("1");
      await second.arrayBuffer();
      expect(await server.stats()).toMatchObject({ requests: 2, accepted: 1, rejected429: 1 });
      await server.reset();
      const tooMany = await post(unassignByInstancePath, { flowInstanceIds: flowInstanceIds(201) });
      expect(tooMany.status).toBe(400);
      await tooMany.arrayBuffer();
    } finally {
      await server.stop();
    }
    expect(processGroupAlive(server.pid)).toBe(false);
  });
});

describe("the harness on a tiny scale", () => {
  it("measures every overhead arm, the client's included, and pairs the ratios", async () => {
    const client = await loadClient();
    expect(client, "the built client must export createGongFlowsClient").toEqual({ ok: true });
    const server = await startGongStubProcess();
    try {
      const arms = overheadArmsFor(server.url, client);
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
      expect((await server.stats()).requests).toBe(4 * (5 + 40));
    } finally {
      await server.stop();
    }
  });

  it("bulk: the client loses no id under the limit; the naive loop silently does", async () => {
    const client = await loadClient();
    // A slow limit (one request per 200 ms, no burst) so that even on a crawling machine the naive loop
    // sends faster than it allows, while the client's five requests still take under a second.
    const server = await startGongStubProcess({ rateLimit: { requestsPerSecond: 5, burst: 1 } });
    try {
      const arms = bulkArmsFor(client, 5).filter((arm) => arm.id !== "retrying-openapi-fetch");
      const result = await measureBulk(server, arms, {
        ids: flowInstanceIds(1_000),
        requestsPerSecond: 5,
        burst: 1,
        rounds: 1,
      });
      const byId = new Map(result.arms.map((arm) => [arm.id, arm]));
      expect(byId.get("client")?.lostIds.max).toBe(0);
      expect(byId.get("client")?.stillAssigned.max).toBe(0);
      expect(byId.get("naive-openapi-fetch")?.lostIds.max).toBeGreaterThan(0);
      expect(byId.get("naive-openapi-fetch")?.rateLimited.max).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
