import { fileURLToPath } from "node:url";
import { killProcessGroup, spawnInGroup, startMockProcess, startRedisServer } from "@gong-flows/testkit";
import { createRedisRateLimitStore } from "../src/index.js";
import { expect, it } from "vitest";

const example = fileURLToPath(new URL("../examples/worker.mjs", import.meta.url));

/** A prospect of the mock's built-in data set with exactly one flow instance. */
const prospectWithOneFlow = "0035e00000AbCdE";

/** Runs one copy of the README's example and resolves with its exit code and output. */
function runExample(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnInGroup(process.execPath, [example, prospectWithOneFlow], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const timer = setTimeout(() => void killProcessGroup(child, 1_000), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      void killProcessGroup(child, 0).finally(() => resolve({ code, output }));
    });
  });
}

it("the README's example runs as six copies at once against gong-flows-mock and a Redis, none over Gong's limit", async () => {
  // As the README's "Try it" runs it: the mock with its defaults, Gong's 3 calls a second enforced.
  const [mock, redis] = await Promise.all([startMockProcess(), startRedisServer()]);
  try {
    const env = {
      ...process.env,
      GONG_BASE_URL: mock.url,
      GONG_ACCESS_KEY: "demo",
      GONG_ACCESS_KEY_SECRET: "demo",
      REDIS_URL: redis.url,
    };
    const runs = await Promise.all(Array.from({ length: 6 }, () => runExample(env)));
    for (const run of runs) {
      expect(run.output).toMatch(/^\d+: 1 flows$/m);
      expect(run.code).toBe(0);
    }
    // All six took their turns from the example's one key: its daily count holds them.
    const store = createRedisRateLimitStore({ redis: redis.url, key: "gong-flows:acme" });
    try {
      expect((await store.usage()).callsToday).toBe(6);
    } finally {
      await store.close();
    }
    const stats = (await (await fetch(`${mock.url}/_mock/stats`)).json()) as { statuses: Record<string, number> };
    expect(stats.statuses).toEqual({ "200": 6 });
  } finally {
    await Promise.all([mock.stop(), redis.stop()]);
  }
});
