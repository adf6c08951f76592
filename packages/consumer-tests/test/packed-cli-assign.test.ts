// `gong-flows assign` as users install it (the packed CLI, with the packed mock as a process): 1,000
// prospects into a flow, the run killed with SIGKILL while three assign requests are on the wire (held
// at the mock: received, not acted on), then the same command again. Gong acts on the held requests
// while the resumed run waits before listing their prospects: every prospect ends assigned exactly
// once, each batch of 100 acted on once, and the report has every prospect in `assigned`.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { killProcessGroup, spawnInGroup, startMockProcess, type MockProcess } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { workInInstalledProject, type ConsumerProject } from "../src/consumer-project.js";

const flow = { id: "1695493301229990001", name: "Inbound follow-up", visibility: "Company" };
const owner = "rep@example.com";
const prospects = Array.from({ length: 1_000 }, (_, i) => `crm-${String(i + 1).padStart(4, "0")}`);

let project: ConsumerProject | undefined;
let mock: MockProcess | undefined;

beforeAll(async () => {
  project = await workInInstalledProject(inject("cliFamilyProject"));
  const data = { flows: [flow], crmProspects: prospects.map((crmId) => ({ crmId })) };
  await writeFile(inProject("assign-data.json"), JSON.stringify(data));
  await writeFile(inProject("leads.txt"), `${prospects.join("\n")}\n`);
  // Gong's own limit: 3 calls a second.
  mock = await startMockProcess({
    cli: inProject("node_modules/.bin/gong-flows-mock"),
    args: ["--data", "assign-data.json", "--rps", "3", "--daily-quota", "0"],
    env: childEnv(),
    cwd: project.dir,
  });
});

afterAll(async () => {
  await mock?.stop();
  await project?.remove();
});

const inProject = (...parts: string[]) => join(project!.dir, ...parts);
const env = () =>
  childEnv({
    GONG_BASE_URL: mock!.url,
    GONG_ACCESS_KEY: "packed-test-key",
    GONG_ACCESS_KEY_SECRET: "packed-test-secret",
  });

async function admin(method: "GET" | "POST", route: string, body?: unknown): Promise<unknown> {
  const init = body === undefined ? { method } : { method, body: JSON.stringify(body) };
  const response = await fetch(`${mock!.url}/_mock/${route}`, init);
  return response.status === 204 ? undefined : response.json();
}
const held = async () => ((await admin("GET", "held")) as { held: unknown[] }).held.length;

/** Starts the installed `gong-flows`; `stderr()` is what it wrote there so far. */
function start(args: readonly string[]) {
  const child = spawnInGroup(inProject("node_modules/.bin/gong-flows"), args, {
    cwd: project!.dir,
    env: env(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 90_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface AssignReport {
  runs: number;
  assigned: { crmProspectId: string }[];
}

interface FlowInstance {
  assigned: boolean;
  assignedFlow: { crmProspectId: string; flowId: string };
}

describe("the installed gong-flows assign against the installed gong-flows-mock", () => {
  it("assigns 1,000 prospects, is killed with SIGKILL with requests on the wire, resumes: each assigned exactly once", async () => {
    const args = ["assign", "--prospects", "leads.txt", "--flow", flow.name, "--owner", owner, "--yes"];
    args.push("--report", "assigned.json", "--timeout-ms", "10000");
    await admin("POST", "faults", { hold: "killed-run", operation: "assignProspects", times: 3 });
    const killed = start(args);
    try {
      await until("3 assign requests held", async () => (await held()) === 3);
      process.kill(-killed.child.pid!, "SIGKILL");
      expect((await killed.exited).signal).toBe("SIGKILL");
    } finally {
      await killProcessGroup(killed.child, 0);
    }

    const resumed = start(args);
    try {
      await until("the resumed run's wait", () =>
        resumed.stderr().includes("for requests Gong may still be working on"),
      );
      expect(await admin("POST", "release", { hold: "killed-run" })).toEqual({ released: 3 });
      const { code } = await resumed.exited;
      expect(code, resumed.stderr()).toBe(0);
    } finally {
      await killProcessGroup(resumed.child, 0);
    }

    const report = JSON.parse(await readFile(inProject("assigned.json"), "utf8")) as AssignReport;
    expect(report).toMatchObject({ runs: 2, alreadyInFlow: [], notAssigned: [], unconfirmed: [], unprocessed: [] });
    expect(new Set(report.assigned.map((p) => p.crmProspectId))).toEqual(new Set(prospects));
    const { flowInstances } = (await admin("GET", "flow-instances")) as { flowInstances: FlowInstance[] };
    const inFlow = flowInstances.filter((i) => i.assigned && i.assignedFlow.flowId === flow.id);
    expect(inFlow).toHaveLength(1_000);
    expect(new Set(inFlow.map((i) => i.assignedFlow.crmProspectId)).size).toBe(1_000);
    // 1,000 prospects, 100 per call: each batch acted on once, by one run or the other. Calls beyond the 10
    // can only be 429s, which Gong answers before acting (the resumed run starts within the second of the
    // killed run's last calls, each process with its own limit).
    const stats = (await admin("GET", "stats")) as {
      calls: { assignProspects: number };
      statuses: Record<string, number>;
    };
    expect(stats.calls.assignProspects - (stats.statuses["429"] ?? 0)).toBeLessThanOrEqual(10);
  });
});
