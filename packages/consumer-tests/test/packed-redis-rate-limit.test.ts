import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { createConsumerProject, type ConsumerProject } from "../src/consumer-project.js";
import { tarballFiles } from "../src/packed-client.js";
import { lastJsonLine } from "../src/packed-consumer.js";
import { assertSucceeded, runProcess } from "../src/run-process.js";
import { compileTypeScript } from "../src/typescript-compiler.js";

const fixtures = fileURLToPath(new URL("../redis-rate-limit-fixtures", import.meta.url));

let tarball: string;
let project: ConsumerProject | undefined;
let redis: RedisServer | undefined;

beforeAll(async () => {
  // Packed once for the run (test/support/global-setup.ts).
  const tarballs = inject("tarballs");
  tarball = tarballs["redis-rate-limit"];
  // The client is the store's peer dependency: a user installs both.
  const [started, installed] = await Promise.allSettled([
    startRedisServer(),
    createConsumerProject([tarballs.client, tarball], { fixtures }),
  ]);
  if (started.status === "fulfilled") redis = started.value;
  if (installed.status === "fulfilled") project = installed.value;
  if (started.status === "rejected") throw started.reason;
  if (installed.status === "rejected") throw installed.reason;
});

afterAll(async () => {
  await Promise.all([redis?.stop(), project?.remove()]);
});

async function runConsumer(file: string): Promise<Record<string, unknown>> {
  const outcome = assertSucceeded(
    file,
    await runProcess(process.execPath, [file, redis!.url], { cwd: project!.dir, env: childEnv(), timeoutMs: 60_000 }),
  );
  return lastJsonLine(outcome.stdout) as Record<string, unknown>;
}

const expectedFindings = {
  spaced: true,
  refusal: { name: "RateLimitRefusal", reason: "daily-quota" },
  callsToday: 3,
  unavailable: { name: "RedisUnavailableError", isGongError: true, isUnavailable: true, leaksPassword: false },
};

describe("the packed @gong-flows/redis-rate-limit tarball", () => {
  it("holds the builds, their types and maps, the example, the licence, the README and the manifest", async () => {
    expect(await tarballFiles(tarball)).toEqual([
      "LICENSE",
      "README.md",
      "dist/index.cjs",
      "dist/index.cjs.map",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/index.js.map",
      "examples/worker.mjs",
      "package.json",
    ]);
  });

  it("installs with npm beside its peer, the client, with ioredis as its only dependency", async () => {
    const { stdout } = assertSucceeded(
      "npm ls",
      await runProcess("npm", ["ls", "--all", "--json"], { cwd: project!.dir, env: childEnv() }),
    );
    const tree = JSON.parse(stdout) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
    expect(Object.keys(tree.dependencies).sort()).toEqual(["@gong-flows/client", "@gong-flows/redis-rate-limit"]);
    // Its own: ioredis; and its peer, the client, resolved to the one the user installed — one copy on
    // disk, so that its errors are instances of the user's GongError.
    expect(Object.keys(tree.dependencies["@gong-flows/redis-rate-limit"]?.dependencies ?? {}).sort()).toEqual([
      "@gong-flows/client",
      "ioredis",
    ]);
    expect(
      existsSync(join(project!.dir, "node_modules/@gong-flows/redis-rate-limit/node_modules/@gong-flows/client")),
    ).toBe(false);
  });
});

describe("a consumer of the tarball", () => {
  it("imports it as ESM and shares a limit through the test's Redis; an unreachable Redis is a GongError of the client it installed", async () => {
    const findings = await runConsumer("esm-consumer.mjs");
    expect(findings["resolved"]).toMatch(/\/node_modules\/@gong-flows\/redis-rate-limit\/dist\/index\.js$/);
    expect(findings).toMatchObject(expectedFindings);
  });

  it("requires it as CommonJS, with the same results", async () => {
    const findings = await runConsumer("cjs-consumer.cjs");
    expect(findings["resolved"]).toMatch(/\/node_modules\/@gong-flows\/redis-rate-limit\/dist\/index\.cjs$/);
    expect(findings).toMatchObject(expectedFindings);
  });

  it.each(["tsconfig.json", "tsconfig.bundler.json"])(
    "compiles in TypeScript (%s: strict, skipLibCheck off, no @types/node)",
    async (config) => {
      const outcome = await compileTypeScript(project!.dir, config);
      expect(outcome.stdout + outcome.stderr).toBe("");
      expect(outcome.code).toBe(0);
    },
  );
});
