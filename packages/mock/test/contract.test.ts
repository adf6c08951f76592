// The mock held to the contract: the contract suite of packages/contract-tests runs against it in
// live mode, writes allowed, every check held (CONTRACT_STRICT=1: the mock serves the spec as written,
// our own stricter request rules included), in a child process started as a user's CI starts it.
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { killProcessGroup, spawnInGroup } from "@gong-flows/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { generateAssignedFlows } from "../src/index.js";
import { startGongMock, type RunningGongMock } from "../src/node.js";

const require = createRequire(import.meta.url);
const suiteDir = dirname(require.resolve("@gong-flows/contract-tests/package.json"));
const vitestCli = resolve(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

/** The prospects the suite lists and then unassigns: two of them, two and three flows. */
const flows = generateAssignedFlows({ prospects: 2, flowsPerProspect: [2, 3], prospectIdPrefix: "contract-prospect-" });
const prospects = [...new Set(flows.map((flow) => flow.crmProspectId!))];
const fakeSecret = "contract-fake-secret";

const servers: RunningGongMock[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  // A suite still running (its test timed out) is stopped with every worker it started.
  await Promise.all([
    ...children.map((child) => killProcessGroup(child, 1_000)),
    ...servers.map((server) => server.close()),
  ]);
});

async function startMock(): Promise<RunningGongMock> {
  // No rate limit or quota: the suite runs unpaced (CONTRACT_REQUESTS_PER_SECOND=0), as against any local server.
  const server = await startGongMock({ rps: 0, dailyQuota: 0, assignedFlows: flows });
  servers.push(server);
  return server;
}

/** Runs the suite's `files` (all of test/contract by default) against `server`, as a user's CI runs it. */
function runSuite(
  server: RunningGongMock,
  files = ["test/contract"],
): Promise<{ code: number | null; output: string }> {
  // The child gets a clean environment plus exactly what a user sets: nothing of this run's vitest.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(CONTRACT_|GONG_|VITEST|TINYPOOL)/.test(name) && name !== "NODE_ENV",
    ),
  );
  Object.assign(env, {
    CONTRACT_TARGET: "live",
    GONG_BASE_URL: server.url,
    GONG_ACCESS_KEY: "contract-fake-key",
    GONG_ACCESS_KEY_SECRET: fakeSecret,
    CONTRACT_ALLOW_WRITES: "1",
    CONTRACT_STRICT: "1",
    CONTRACT_CRM_PROSPECT_IDS: prospects.join(","),
    // The live assign: the seeded prospects into a flow of the mock's catalogue, owned by a made-up user.
    CONTRACT_ASSIGN_FLOW_ID: server.mock.catalogue().flows[0]!.id!,
    CONTRACT_ASSIGN_OWNER_EMAIL: "contract-owner@example.com",
    CONTRACT_REQUESTS_PER_SECOND: "0",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  });
  return new Promise((resolvePromise, reject) => {
    const started = spawnInGroup(process.execPath, [vitestCli, "run", ...files, "--typecheck.enabled=false"], {
      cwd: suiteDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(started);
    let output = "";
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    started.once("error", reject);
    started.once("close", (code) => {
      void killProcessGroup(started, 0).finally(() => resolvePromise({ code, output }));
    });
  });
}

// Each test has its own mock and its own suite process, so the two run at once.
describe.concurrent("the contract suite against @gong-flows/mock (live mode, writes allowed, strict)", () => {
  it("passes every check", async () => {
    const server = await startMock();
    const { code, output } = await runSuite(server);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Test Files\s+\d+ passed/);
    expect(output).not.toMatch(/\d+ failed/);
    expect(output).not.toContain(fakeSecret);

    // The live writes ran on the seeded prospects: one flow by CRM id, then every listed instance by
    // instance id through the client; the mock's state shows it.
    const stats = server.mock.stats();
    expect(stats.calls.unassignFlowsByCrmProspectId).toBeGreaterThan(0);
    expect(stats.calls.unassignFlowsByFlowInstanceIds).toBeGreaterThan(0);
    expect(stats.flowInstances).toEqual({ assigned: prospects.length, unassigned: flows.length });
    // Then the live assign put the seeded prospects into the named flow, directly and as a bulk
    // assignment (its one 202) whose job was read back.
    expect(stats.calls.assignProspects).toBeGreaterThan(0);
    expect(stats.statuses["202"]).toBe(1);
    expect(stats.calls.getBulkAssignment).toBeGreaterThan(0);
    // Every refusal the negative checks asked for was answered: 400s and 401s, and 404s for the made-up
    // flow and bulk-assignment ids of the positive checks (as the spec documents); nothing else failed.
    expect(Object.keys(stats.statuses).sort()).toEqual(["200", "202", "400", "401", "404"]);
  }, 300_000);

  it("fails when the mock answers what the spec does not document, naming the violation", async () => {
    const server = await startMock();
    server.mock.injectFault({ operation: "listAssignedFlows", status: 418, times: 1_000_000 });
    // The positive-data checks call every operation and hold each response to the spec: enough to see it.
    const { code, output } = await runSuite(server, ["test/contract/positive-data.test.ts"]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/listAssignedFlows 418 at \/status/);
  }, 300_000);
});
