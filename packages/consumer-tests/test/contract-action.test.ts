// The contract suite's GitHub Action (packages/contract-tests/action.yml) run as GitHub runs a composite
// action — its `run` steps, with the inputs a workflow gives — against gong-flows-mock, installing the
// run's packed tarballs of the suite and of the client it depends on through the action's own install step.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MockProcess, scratchDir, type ScratchDir, startMockProcess } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { runCompositeAction, type StepRun } from "../src/composite-action.js";

const actionPath = fileURLToPath(new URL("../../contract-tests/action.yml", import.meta.url));
const fakeSecret = "action-test-fake-secret";

let scratch: ScratchDir;
let tarballs: string;
let mock: MockProcess;
let prospects: string;
let flowId: string;

beforeAll(async () => {
  scratch = await scratchDir("gong-flows-contract-action-");
  const packed = inject("tarballs");
  tarballs = [packed.client, packed["contract-tests"]].join(" ");
  // Unpaced and without a quota, as against any local server; the built-in data set.
  mock = await startMockProcess({ args: ["--rps", "0", "--daily-quota", "0"] });
  const { flowInstances } = (await (await fetch(`${mock.url}/_mock/flow-instances`)).json()) as {
    flowInstances: { assignedFlow: { crmProspectId: string }; assigned: boolean }[];
  };
  // Prospects with an open flow instance: the live writes unassign it, then assign them again.
  const open = flowInstances.filter((record) => record.assigned).map((record) => record.assignedFlow.crmProspectId);
  prospects = [...new Set(open)].slice(0, 2).join(",");
  const { flows } = (await (await fetch(`${mock.url}/_mock/catalogue`)).json()) as { flows: { id: string }[] };
  flowId = flows[0]!.id;
});

afterAll(async () => {
  await mock?.stop();
  await scratch?.remove();
});

/**
 * Runs the action in a fresh workspace, as one job of a workflow would. The jobs share one runner.temp,
 * as jobs on one self-hosted runner may: a later job's install step finds the suite installed.
 */
async function runAction(
  name: string,
  inputs: Record<string, string>,
): Promise<{ steps: StepRun[]; workspace: string }> {
  const workspace = join(scratch.path, name, "workspace");
  const runnerTemp = join(scratch.path, "runner-temp");
  await mkdir(workspace, { recursive: true });
  await mkdir(runnerTemp, { recursive: true });
  const steps = await runCompositeAction(actionPath, {
    inputs: { package: tarballs, ...inputs },
    runnerTemp,
    workspace,
    env: childEnv(),
    timeoutMs: 240_000,
  });
  return { steps, workspace };
}

const liveInputs = () => ({
  target: "live",
  "base-url": mock.url,
  prospects,
  strict: "true",
  "allow-writes": "true",
  "assign-flow-id": flowId,
  "assign-owner-email": "action-owner@example.com",
  junit: "reports/contract.xml",
  "requests-per-second": "0",
  "num-runs": "5",
  "access-key": "action-test-key",
  "access-key-secret": fakeSecret,
});

// One job after the other: the second installs nothing new (an npm install of the suite is seconds of CPU).
describe("the contract suite's GitHub Action, its steps run locally", () => {
  it("installs the suite, holds the mock to every check (strict, writes allowed) and writes the JUnit report it names", {
    timeout: 400_000,
  }, async () => {
    const { steps, workspace } = await runAction("live", liveInputs());
    const log = steps.map((step) => `${step.name}: exit ${step.code}\n${step.stdout}${step.stderr}`).join("\n");
    expect(
      steps.map((step) => [step.name, step.code]),
      log,
    ).toEqual([
      ["Install the contract suite", 0],
      ["Run the contract suite", 0],
    ]);
    const run = steps[1]!;
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed/m);
    expect(run.stdout).toContain(`live server ${mock.url} (writes allowed, strict: our decisions too, unpaced)`);
    // The assign inputs reached the suite: the live assign ran, directly and as a bulk assignment.
    expect(run.stdout).toMatch(
      /^PASS {2}live writes unassign what was listed, and assign to the named flow {2}\(3 passed, 0 failed\)/m,
    );
    expect(run.outputs).toEqual({ junit: "reports/contract.xml" });
    const xml = await readFile(join(workspace, "reports/contract.xml"), "utf8");
    expect(xml).toMatch(/<testsuites[^>]* failures="0"/);
    expect(log).not.toContain(fakeSecret);
  });

  it("stops before sending anything on a yes/no input that is neither true nor false, naming the input", {
    timeout: 400_000,
  }, async () => {
    const { steps } = await runAction("bad-input", { ...liveInputs(), strict: "yes" });
    const run = steps[1];
    expect(run?.code).toBe(2);
    expect(run?.stdout).toContain("::error::input strict must be true or false, got 'yes'");
  });
});
