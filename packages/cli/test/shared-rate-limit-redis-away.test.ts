// `--redis` when Redis goes away mid-run. The run waits out its bounded wait for Redis (--redis-wait-ms)
// and a resumed run follows, so it lives in a file of its own, which runs beside the others; a Redis refused at start-up
// (unreachable, a wrong password) is in shared-rate-limit-redis-refused.test.ts.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { startRedisServer } from "@gong-flows/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { cliEnv, runCliProcess, startCliProcess, waitFor, type RunningCli } from "./support/cli-process.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const data = prospectsWithFlows(400);
// Gong's limit at the mock's side; no daily quota (the runs here are short).
const gong = useTestGong({ assignedFlows: data.flows, rps: 3, dailyQuota: 0 });
const tmp = useTempDir("gong-flows-cli-redis-away-");
const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(gong().server.url, testAuth, extra);
const running: RunningCli[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => cli.stop()));
});

const prospectsFile = idFiles(tmp, data.prospects);

describe("--redis: a Redis that is not there", () => {
  it("a Redis lost mid-run stops the run (exit 3, resumable) with nothing sent without a slot; the same command finishes once it is back", async () => {
    const lost = await startRedisServer();
    try {
      const dir = join(tmp(), "lost");
      await mkdir(dir);
      const input = await prospectsFile(data.prospects.slice(0, 400)); // 4 list calls, then 5 unassign calls
      const args = [
        ...["unassign", "--prospects", input, "--yes", "--rps", "2", "--no-progress", "--report", "run.json"],
        ...["--redis-wait-ms", "1000"],
      ];
      const cli = startCliProcess(args, { cwd: dir, env: env({ GONG_FLOWS_REDIS_URL: lost.url }) });
      running.push(cli);
      await waitFor("the first calls", () => gong().server.mock.stats().calls.total >= 2);
      await lost.stop();
      const sentWhenLost = gong().server.mock.stats().calls.total;
      const exit = await cli.exited;
      expect(exit.code).toBe(3);
      expect(cli.output().stderr).toContain(
        "the rate limit shared through Redis gave no slot, so nothing more was sent",
      );
      expect(cli.output().stderr).toContain(`Redis at redis://127.0.0.1:${lost.port} is unreachable`);
      // At most the request that had its slot as Redis went away left afterwards.
      expect(gong().server.mock.stats().calls.total - sentWhenLost).toBeLessThanOrEqual(1);
      const back = await startRedisServer({ port: lost.port });
      try {
        const resumed = await runCliProcess(args, { cwd: dir, env: env({ GONG_FLOWS_REDIS_URL: back.url }) });
        expect(resumed.code).toBe(0);
        const report = JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as {
          unassigned: string[];
          flowInstancesPlanned: number;
        };
        expect(report.unassigned).toHaveLength(report.flowInstancesPlanned);
        expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
      } finally {
        await back.stop();
      }
    } finally {
      await lost.stop();
    }
  }, 60_000);
});
