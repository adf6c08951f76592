import type { GongFlowsClientOptions } from "@gong-flows/client";
import type { GongMock } from "@gong-flows/mock";
import {
  generateAssignedFlows,
  startGongMock,
  type RunningGongMock,
  type StartGongMockOptions,
} from "@gong-flows/mock/node";
import { afterAll, afterEach, beforeAll, type TestContext } from "vitest";
import { cliEnv } from "./cli-process.js";
export { useTempDir } from "./temp-dir.js";

/** Test credentials: the mock accepts exactly these. */
export const testAuth = { accessKey: "cli-test-key", accessKeySecret: "cli-test-secret" } as const;

/** A mock of Gong on 127.0.0.1 and the client options that reach it. */
export interface TestGong {
  readonly server: RunningGongMock;
  readonly client: GongFlowsClientOptions;
}

/** Starts a mock on a free loopback port, accepting {@link testAuth} only. */
export async function startTestGong(options: StartGongMockOptions = {}): Promise<TestGong> {
  const server = await startGongMock({ rps: 0, dailyQuota: 0, ...testAuth, ...options });
  // The client's own limit off by default: tests set it where they measure it.
  return { server, client: { baseUrl: server.url, auth: { ...testAuth }, rateLimit: false } };
}

/**
 * A flow instance as the mock holds it: the spec's AssignedFlow as written (only the documented
 * statuses), narrower than the client's, whose status admits any string Gong may add.
 */
export type MockFlow = ReturnType<typeof generateAssignedFlows>[number];

/** `count` prospects with 1, 2, 3, 1, 2, 3, … flows each (the mock's generated data set). */
export function prospectsWithFlows(count: number): { flows: MockFlow[]; prospects: string[] } {
  const flows = generateAssignedFlows({ prospects: count, flowsPerProspect: [1, 3] });
  return { flows, prospects: [...new Set(flows.map((f) => f.crmProspectId!))] };
}

/** One mock per test file, reset to its data set after each test and closed at the end. */
export function useTestGong(options: StartGongMockOptions = {}): () => TestGong {
  let gong: TestGong | undefined;
  beforeAll(async () => {
    gong = await startTestGong(options);
  });
  afterEach(() => gong?.server.mock.reset());
  afterAll(async () => {
    await gong?.server.close();
  });
  return () => {
    if (gong === undefined) throw new Error("the mock is started in beforeAll");
    return gong;
  };
}

/** A mock of one test's own, and the CLI's environment to reach it. */
export interface OwnGong {
  readonly mock: GongMock;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Starts a mock for one test, closed when that test ends: for tests that run at once
 * (`describe.concurrent`), where a file's shared mock and its reset after each test do not fit.
 */
export async function startOwnGong(
  options: StartGongMockOptions,
  onTestFinished: TestContext["onTestFinished"],
): Promise<OwnGong> {
  const gong = await startTestGong(options);
  onTestFinished(() => gong.server.close());
  return { mock: gong.server.mock, env: cliEnv(gong.server.url, testAuth) };
}
