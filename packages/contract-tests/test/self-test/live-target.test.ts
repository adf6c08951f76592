// CONTRACT_TARGET=live, shown end to end: the contract suite runs in a child process, exactly as a
// user runs it in CI, against a local conforming server (it must pass, writes included) and against
// a non-conforming one (it must fail, naming the violation).
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { killProcessGroup, spawnInGroup } from "@gong-flows/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { mockCredentials } from "../../src/target.js";
import { faults } from "../support/faults.js";
import { fakeSecret } from "../support/local-target.js";
import { model } from "../support/model.js";
import { startReferenceServer, type ReferenceServer } from "../support/reference-server.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const vitestCli = resolve(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

const servers: ReferenceServer[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  // A child run still going (its test timed out) is stopped with every worker it started.
  await Promise.all([...servers.map((server) => server.close()), ...children.map((child) => killProcessGroup(child, 1_000))]);
});

/** Runs `vitest run test/contract` with CONTRACT_TARGET=live against `baseUrl`; resolves with its exit code and output. */
function runLiveSuite(baseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  // The child must not inherit this run's own settings (a live target of the parent, vitest's worker
  // variables): it gets a clean environment plus exactly the variables a user would set.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CONTRACT_|GONG_|VITEST|TINYPOOL)/.test(name) && name !== "NODE_ENV"),
  );
  Object.assign(env, {
    CONTRACT_TARGET: "live",
    GONG_BASE_URL: baseUrl,
    GONG_ACCESS_KEY: mockCredentials.accessKey,
    GONG_ACCESS_KEY_SECRET: mockCredentials.accessKeySecret,
    // A local server has no rate limit to respect.
    CONTRACT_REQUESTS_PER_SECOND: "0",
    // The live plumbing is what is shown here; the full 100 runs per operation run against Prism in
    // this same `pnpm test`. Fewer runs keep these two child runs short.
    CONTRACT_NUM_RUNS: "25",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...extraEnv,
  });
  return new Promise((resolvePromise, reject) => {
    // A process group of its own: the child vitest and its workers end together, even if this run dies.
    const child = spawnInGroup(process.execPath, [vitestCli, "run", "test/contract", "--typecheck.enabled=false"], {
      cwd: packageDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => {
      // The leader is gone; end anything it left behind in its group before reporting.
      void killProcessGroup(child, 0).finally(() => resolvePromise({ code, output }));
    });
  });
}

/** Each child is a whole vitest run of its own: allow for a busy machine. */
const childRunTimeoutMs = 240_000;

// The two runs are independent child processes: run them side by side to halve the wait.
describe.concurrent("CONTRACT_TARGET=live", () => {
  it("passes against a local server that keeps the contract, writes allowed", async () => {
    const server = await startReferenceServer(model);
    servers.push(server);
    const { code, output } = await runLiveSuite(server.url, { CONTRACT_ALLOW_WRITES: "1" });
    expect(code, output).toBe(0);
    expect(output).toMatch(/Test Files\s+\d+ passed/);
    // With writes allowed, the listed flow instance was unassigned by CRM id and by instance id.
    const calledOk = (id: string) => server.received.some((r) => r.operation?.operationId === id && r.verdict === "ok");
    expect(calledOk("unassignFlowsByCrmProspectId") && calledOk("unassignFlowsByFlowInstanceIds")).toBe(true);
    expect(output).not.toContain(fakeSecret);
  }, childRunTimeoutMs);

  it("fails against a non-conforming server, naming the violation, and calls no unassign operation without CONTRACT_ALLOW_WRITES", async () => {
    const server = await startReferenceServer(model, faults.statusOutsideEnum);
    servers.push(server);
    const { code, output } = await runLiveSuite(server.url);
    expect(code).not.toBe(0);
    expect(output).toContain(
      'listAssignedFlows 200 at /body/prospectsAssigned/0/flowInstanceStatus: expected one of "Running", "Pending", "Paused"; actual "Stopped"',
    );
    expect(output).not.toContain(fakeSecret);
    expect([...new Set(server.received.map((r) => r.operation?.operationId))]).toEqual(["listAssignedFlows"]);
  }, childRunTimeoutMs);
});
