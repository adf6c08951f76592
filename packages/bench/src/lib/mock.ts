import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssignedFlow } from "@gong-flows/client";
import type { FlowInstanceRecord, GongMockDataSet, GongMockStats } from "@gong-flows/mock";
import { type MockProcess, startMockProcess } from "@gong-flows/testkit";

/** `gong-flows-mock` in a process of its own, serving a data set, with its admin routes as methods. */
export interface BenchMock extends MockProcess {
  /** The starting data set again, counters zeroed, limits renewed. */
  reset(): Promise<void>;
  stats(): Promise<GongMockStats>;
  flowInstances(): Promise<FlowInstanceRecord[]>;
}

/**
 * Writes the data set (or, given an array, flow instances only) to `dir/name.json` and starts the mock
 * on it through testkit, at `rps` calls a second (0: no limit) and no daily quota: a benchmark's run is
 * not a day's work.
 */
export async function startBenchMock(
  data: readonly AssignedFlow[] | GongMockDataSet,
  dir: string,
  name: string,
  rps: number,
): Promise<BenchMock> {
  const dataFile = join(dir, `${name}.json`);
  await writeFile(dataFile, JSON.stringify(Array.isArray(data) ? { assignedFlows: data } : data));
  const mock = await startMockProcess({
    args: ["--data", dataFile, "--rps", String(rps), "--daily-quota", "0"],
    startTimeoutMs: 120_000,
  });
  const admin = async (method: "GET" | "POST", route: string): Promise<unknown> => {
    const response = await fetch(`${mock.url}/_mock/${route}`, { method });
    if (!response.ok) throw new Error(`${method} /_mock/${route} answered ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  return Object.assign(mock, {
    reset: async () => void (await admin("POST", "reset")),
    stats: async () => (await admin("GET", "stats")) as GongMockStats,
    flowInstances: async () =>
      ((await admin("GET", "flow-instances")) as { flowInstances: FlowInstanceRecord[] }).flowInstances,
  });
}
