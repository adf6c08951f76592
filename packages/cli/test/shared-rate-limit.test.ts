// `--redis` / GONG_FLOWS_REDIS_URL: the rate limit shared through a real redis-server (testkit starts it
// on a free loopback port and stops it) by CLI processes running against one mock of Gong, which
// enforces Gong's own 3 calls a second at its side (a sliding window over arrival times) and answers
// 429 past it: the server's statistics judge whether the processes together stayed within the limit.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sharedRateLimitKey } from "../src/cli/redis-store.js";
import { cliEnv, runCliProcess, startCliProcess, waitFor, type RunningCli } from "./support/cli-process.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const data = prospectsWithFlows(800); // 8 list calls of 100 prospects
// Gong's limit at the mock's side; no daily quota (the runs here are short).
const gong = useTestGong({ assignedFlows: data.flows, rps: 3, dailyQuota: 0 });
const tmp = useTempDir("gong-flows-cli-redis-");
const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(gong().server.url, testAuth, extra);

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
const running: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop()));
});

const prospectsFile = idFiles(tmp, data.prospects);

/** Calls counted today under `key` in a Redis: every call any process sharing the key made. */
async function callsCounted(url: string, key: string): Promise<number> {
  const store = createRedisRateLimitStore({ redis: url, key });
  try {
    return (await store.usage()).callsToday;
  } finally {
    await store.close();
  }
}

/** Everything a run left: its output and every file in its folder (journal, reports). */
async function everythingWritten(dir: string, output: { stdout: string; stderr: string }): Promise<string> {
  const files = await readdir(dir);
  const contents = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  return [output.stdout, output.stderr, ...contents].join("\n");
}

/**
 * Two `gong-flows list` runs at once, 8 calls each, at `--rps 2` each: together 4 a second unless
 * they share the limit. 2 rather than Gong's 3, so that sharing keeps a wide margin under the mock's
 * 3 (slots half a second apart: a window of the mock would need three of them late by half a second
 * to hold four), and a busy machine cannot make the shared case fail.
 */
async function twoListRuns(extra: NodeJS.ProcessEnv, args: readonly string[] = []) {
  const [a, b] = await Promise.all([
    prospectsFile(data.prospects.slice(0, 800)),
    prospectsFile(data.prospects.slice(0, 800)),
  ]);
  return Promise.all(
    [a, b].map((file) =>
      runCliProcess(
        [
          "list",
          "--prospects",
          file,
          "--format",
          "json",
          "--out",
          `${file}.json`,
          "--rps",
          "2",
          "--no-progress",
          ...args,
        ],
        { cwd: tmp(), env: env(extra) },
      ),
    ),
  );
}

describe("--redis: one rate limit for many gong-flows processes", () => {
  it("two runs at once with the same Redis stay within Gong's limit together, on one key derived from the account", async () => {
    const runs = await twoListRuns({ GONG_FLOWS_REDIS_URL: redis.url });
    for (const run of runs) {
      expect(run.stderr).toContain(
        `gong-flows: sharing the rate limit of 2 call(s)/s through Redis at ${redis.url}, key ${sharedRateLimitKey(env())}\n`,
      );
      expect(run.code).toBe(0);
    }
    const stats = gong().server.mock.stats();
    expect(stats.calls.listAssignedFlows).toBe(16);
    // The mock's own sliding window never went over 3 a second: no 429.
    expect(stats.statuses["429"] ?? 0).toBe(0);
    expect(stats.statuses["200"]).toBe(16);
    // Both took every turn from the one key.
    expect(await callsCounted(redis.url, sharedRateLimitKey(env()))).toBe(16);
  });

  it("without --redis the same two runs go over the limit together (the check above can fail)", async () => {
    const runs = await twoListRuns({});
    for (const run of runs) expect(run.code).toBe(0); // the client waits out the 429s and retries
    expect(gong().server.mock.stats().statuses["429"] ?? 0).toBeGreaterThan(0);
  });

  it("--redis-key puts a run on another key; a key shared with other processes is the user's to give", async () => {
    const key = "gong-flows:acme";
    const [file] = await Promise.all([prospectsFile(data.prospects.slice(0, 200))]);
    const run = await runCliProcess(
      [
        "list",
        "--prospects",
        file!,
        "--format",
        "json",
        "--out",
        `${file}.json`,
        "--redis",
        redis.url,
        "--redis-key",
        key,
        "--no-progress",
      ],
      {
        cwd: tmp(),
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(await callsCounted(redis.url, key)).toBe(2);
  });

  it("derives one key per Gong account: the base URL and the access key, never the secret", () => {
    const base = {
      GONG_BASE_URL: "https://us-1234.api.gong.io",
      GONG_ACCESS_KEY: "key-a",
      GONG_ACCESS_KEY_SECRET: "secret-1",
    };
    const key = sharedRateLimitKey(base);
    expect(key).toMatch(/^gong-flows:rate-limit:[0-9a-f]{16}$/);
    expect(sharedRateLimitKey({ ...base, GONG_ACCESS_KEY_SECRET: "secret-2" })).toBe(key);
    expect(sharedRateLimitKey({ ...base, GONG_BASE_URL: "https://us-1234.api.gong.io/" })).toBe(key);
    expect(sharedRateLimitKey({ ...base, GONG_ACCESS_KEY: "key-b" })).not.toBe(key);
    expect(sharedRateLimitKey({ ...base, GONG_BASE_URL: "https://us-5678.api.gong.io" })).not.toBe(key);
    // No base URL: the client's default one.
    expect(sharedRateLimitKey({ GONG_ACCESS_KEY: "key-a" })).toBe(
      sharedRateLimitKey({ GONG_ACCESS_KEY: "key-a", GONG_BASE_URL: "https://api.gong.io" }),
    );
  });

  it("SIGINT while waiting for a shared slot stops the run and closes the connection (the process exits 3)", async () => {
    const input = await prospectsFile(data.prospects.slice(0, 800));
    const cli = startCliProcess(["list", "--prospects", input, "--format", "json", "--rps", "1", "--no-progress"], {
      cwd: tmp(),
      env: env({ GONG_FLOWS_REDIS_URL: redis.url }),
    });
    running.push(cli);
    await waitFor("the first call", () => gong().server.mock.stats().calls.total >= 1);
    cli.signal("SIGINT");
    // An open Redis connection would keep the process alive: it exits because the store was closed.
    const exit = await cli.exited;
    expect(exit.code).toBe(3);
    expect(gong().server.mock.stats().calls.total).toBeLessThan(8);
  });
});

describe("--redis with a password", () => {
  const password = "sentinel-redis-pw-3e9a41";
  let locked: RedisServer;
  beforeAll(async () => {
    locked = await startRedisServer({ password });
  });
  afterAll(async () => {
    await locked?.stop();
  });

  it("runs with the password from GONG_FLOWS_REDIS_URL and never writes it: stdout, stderr, journal, report", async () => {
    const dir = join(tmp(), "password");
    await mkdir(dir);
    const input = join(dir, "p.txt");
    await writeFile(input, `${data.prospects.slice(0, 150).join("\n")}\n`);
    // An upstream that quotes the Redis URL in an error: the message reaches stderr, the journal and the
    // report, and the password must not (the CLI's redactor knows it from GONG_FLOWS_REDIS_URL).
    gong().server.mock.injectFault({
      status: 500,
      errors: [`upstream saw ${locked.url}`],
      operation: "unassignFlowsByFlowInstanceIds",
      times: 1,
    });
    const outcome = await runCliProcess(
      ["unassign", "--prospects", input, "--yes", "--rps", "5", "--report", "run.csv"],
      {
        cwd: dir,
        env: env({ GONG_FLOWS_REDIS_URL: locked.url }),
      },
    );
    expect([0, 1, 3]).toContain(outcome.code); // the 500's ids are settled, or left to a resume: no matter here
    expect(outcome.stderr).toContain(`through Redis at redis://127.0.0.1:${locked.port}, key`);
    const written = await everythingWritten(dir, outcome);
    expect(written).toContain('"type":"request"'); // the journal is there
    expect(written).toContain("upstream saw redis://:[REDACTED]@127.0.0.1"); // and the echo, redacted
    for (const form of [password, encodeURIComponent(password)]) expect(written).not.toContain(form);
    expect(await callsCounted(locked.url, sharedRateLimitKey(env()))).toBe(gong().server.mock.stats().calls.total);
  });
});
