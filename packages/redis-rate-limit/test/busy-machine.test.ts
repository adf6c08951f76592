import {
  raiseGroupPriority,
  startCpuBurners,
  startMockProcess,
  startRedisServer,
  type CpuBurners,
  type MockProcess,
  type RedisServer,
} from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBusyWorkers, type ClientWorkerReport } from "./support/processes.js";

/**
 * The promise held where Gong counts, on a machine whose every core is busy: worker processes at
 * normal priority, each with `@gong-flows/client` and a Redis store on one key (as the README sets
 * them up, with no warm-up), one CPU-bound process per core beside them, against `gong-flows-mock`
 * enforcing exactly the limit (a sliding one-second window of arrivals, 429 past it). The mock stands in
 * for Gong, which runs on machines of its own, so it runs at raised priority where allowed: its stamps
 * are when requests arrive, not when a busy machine gets round to it. A 429 from it is a one-second
 * window over the limit at the server; none may happen.
 *
 * With the slacks of before (25 ms, and none for a new connection) the test gets 429s, and with the
 * departure slack alone too: a process's first request, on a new connection, arrives 50–150 ms after
 * its slot on such a machine, and the on-time request a second after it lands in the same window.
 */

let burners: CpuBurners | undefined;
let redis: RedisServer;
let keyCounter = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  burners = startCpuBurners();
});

afterAll(async () => {
  await Promise.all([burners?.stop(), redis?.stop()]);
});

/** A strict server for `rps` calls a second, at raised priority where allowed. */
async function strictServer(rps: number): Promise<MockProcess> {
  const mock = await startMockProcess({ args: ["--rps", String(rps), "--daily-quota", "0"] });
  await raiseGroupPriority(mock.pid);
  return mock;
}

async function statuses(mock: MockProcess): Promise<Record<string, number>> {
  return ((await (await fetch(`${mock.url}/_mock/stats`)).json()) as { statuses: Record<string, number> }).statuses;
}

const errorsOf = (reports: ClientWorkerReport[]) => reports.flatMap((report) => report.errors);

describe("on a machine whose every core is busy, a server that allows exactly the limit", () => {
  it("gives no 429 to processes calling without pause at its limit while others join, each on a new connection", async () => {
    const rps = 10;
    const mock = await strictServer(rps);
    try {
      // Node processes take a while to start on a busy machine: the common start comes once all are up.
      // Two start together; a third and a fourth join a run at the limit, their first requests on new
      // connections beside the others' warm ones.
      const key = `busy:${process.pid}:${++keyCounter}`;
      const reports = await runBusyWorkers(
        [0, 0, 1_500, 3_000].map((joinsAfterMs, id) => ({
          id,
          redisUrl: redis.url,
          key,
          serverUrl: mock.url,
          requestsPerSecond: rps,
          concurrency: 2,
          startAfterMs: joinsAfterMs,
          endAfterMs: 5_000,
        })),
      );
      expect(errorsOf(reports)).toEqual([]);
      const sent = reports.reduce((sum, report) => sum + report.done, 0);
      expect(await statuses(mock)).toEqual({ "200": sent });
    } finally {
      await mock.stop();
    }
  });
});
