import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssignedFlow } from "@gong-flows/client";
import type { FlowInstanceRecord, GongMockDataSet, GongMockStats } from "@gong-flows/mock";
import { type MockProcess, scratchDir, startMockProcess } from "@gong-flows/testkit";

/** The credentials the bench sends; the mock takes any well-formed ones. */
export const benchAuth = { accessKey: "bench-key", accessKeySecret: "bench-secret" };

/** `gong-flows-mock` in a process of its own, with its admin routes as methods. */
export interface BenchMock extends MockProcess {
  /** The starting data set again, counters zeroed, limits renewed. */
  reset(): Promise<void>;
  stats(): Promise<GongMockStats>;
  flowInstances(): Promise<FlowInstanceRecord[]>;
}

/**
 * Runs `use` with the mock serving `data` (or, given an array, flow instances only) at `rps` calls a
 * second (0: no limit) and no daily quota, from a scratch folder of its own (also `use`'s); both are
 * gone afterwards, also on failure.
 */
export async function withBenchMock<T>(
  data: readonly AssignedFlow[] | GongMockDataSet,
  rps: number,
  use: (mock: BenchMock, dir: string) => Promise<T>,
): Promise<T> {
  const scratch = await scratchDir("gong-flows-bench-");
  let mock: MockProcess | undefined;
  try {
    const dataFile = join(scratch.path, "data.json");
    await writeFile(dataFile, JSON.stringify(Array.isArray(data) ? { assignedFlows: data } : data));
    const args = ["--data", dataFile, "--rps", String(rps), "--daily-quota", "0"];
    mock = await startMockProcess({ args, startTimeoutMs: 120_000 });
    return await use(withAdminRoutes(mock), scratch.path);
  } finally {
    await mock?.stop();
    await scratch.remove();
  }
}

function withAdminRoutes(mock: MockProcess): BenchMock {
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
