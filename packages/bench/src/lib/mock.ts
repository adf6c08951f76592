import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssignedFlow } from "@gong-flows/client";
import type { FlowInstanceRecord, GongMockDataSet, GongMockStats } from "@gong-flows/mock";
import { type MockProcess, runProcess, scratchDir, startMockProcess } from "@gong-flows/testkit";

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

/**
 * Runs the command line (`node entry ...args`, in `dir`) against the mock with the bench's credentials,
 * as a user runs it: a process of its own. Throws, with its output, unless it exits 0.
 */
export async function runCliAgainst(mock: BenchMock, entry: string, args: string[], dir: string, nodeOptions = "") {
  const { accessKey, accessKeySecret } = benchAuth;
  const env = { PATH: process.env["PATH"], GONG_BASE_URL: mock.url, GONG_ACCESS_KEY: accessKey };
  const options = nodeOptions === "" ? {} : { NODE_OPTIONS: nodeOptions };
  const started = performance.now();
  const outcome = await runProcess(process.execPath, [entry, ...args], {
    cwd: dir,
    env: { ...env, GONG_ACCESS_KEY_SECRET: accessKeySecret, ...options },
    timeoutMs: 600_000,
  });
  if (outcome.code !== 0)
    throw new Error(
      `gong-flows ${args[0]} ended with ${outcome.code ?? outcome.signal}:\n${outcome.stdout}\n${outcome.stderr}`,
    );
  return { ...outcome, seconds: (performance.now() - started) / 1000 };
}
