// `gong-flows flows` and `gong-flows assign`, the built CLI against the mock: the flows as a table, CSV
// or JSON; --flow by id or exact name, resolved before anything is sent (an ambiguous or unknown name is
// exit 2); a dry run; a whole run; every prospect in exactly one list of the report.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AssignReport } from "../src/report/assign-report.js";
import { assignDataSet, assignFlow, assignOwner, instancesPerProspect } from "./support/assign-data.js";
import { cliEnv, runCliProcess } from "./support/cli-process.js";
import { testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const twins = [
  { id: "1695493301229990002", name: "Nurture" },
  { id: "1695493301229990003", name: "Nurture" },
];
const { data, prospects } = assignDataSet(250, 10, twins);
const gong = useTestGong(data);
const tmp = useTempDir();
const env = () => cliEnv(gong().server.url, testAuth);
const prospectsFile = idFiles(tmp, prospects);
const gongFlows = (args: string[]) => runCliProcess([...args, "--rps", "0"], { cwd: tmp(), env: env() });
const assignCalls = () => gong().server.mock.stats().calls.assignProspects;

describe("gong-flows flows", () => {
  it("lists the owner's flows as a table: id, name, folder, visibility", async () => {
    const outcome = await gongFlows(["flows", "--owner", assignOwner]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/id\s.*name\s.*folder\s.*visibility/);
    expect(outcome.stdout).toContain(assignFlow.id);
    expect(outcome.stdout).toContain(assignFlow.name);
    expect(outcome.stdout).toContain("Outbound");
  });

  it("writes CSV to --out, and JSON to standard output", async () => {
    const csv = await gongFlows(["flows", "--owner", assignOwner, "--format", "csv", "--out", "flows.csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = (await readFile(join(tmp(), "flows.csv"), "utf8")).trimEnd().split("\n");
    expect(lines[0]).toBe("id,name,folderId,folderName,visibility,creationDate,exclusive");
    expect(lines).toContain(`${assignFlow.id},${assignFlow.name},1695493301223573465,Outbound,Company,,`);
    const json = await gongFlows(["flows", "--owner", assignOwner, "--format", "json"]);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((flow) => flow.id)).toEqual([
      assignFlow.id,
      ...twins.map((twin) => twin.id),
    ]);
  });

  it("refuses an --owner that is not an email, and an --out that is a folder, before any call (exit 2)", async () => {
    expect((await gongFlows(["flows", "--owner", "not-an-email"])).code).toBe(2);
    const folder = await gongFlows(["flows", "--owner", assignOwner, "--out", tmp()]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("is a folder");
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});

describe("gong-flows assign", () => {
  const assign = async (flow: string, ...more: string[]) =>
    gongFlows(["assign", "--prospects", await prospectsFile(), "--flow", flow, "--owner", assignOwner, ...more]);

  it("assigns by the flow's exact name: the prospects already in it are not sent, each prospect in one list", async () => {
    const outcome = await assign(assignFlow.name, "--yes", "--report", "by-name.json");
    expect(outcome.code, outcome.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(tmp(), "by-name.json"), "utf8")) as AssignReport;
    expect(report).toMatchObject({
      flowId: assignFlow.id,
      flowName: assignFlow.name,
      notAssigned: [],
      unconfirmed: [],
    });
    expect(report.assigned).toHaveLength(240);
    expect(report.alreadyInFlow).toHaveLength(10);
    expect(assignCalls()).toBe(3);
    expect([...instancesPerProspect(gong().server.mock).values()].every((n) => n === 1)).toBe(true);
  });

  it("an ambiguous name is exit 2, listing the flows of that name; nothing is sent", async () => {
    const outcome = await assign("Nurture", "--yes");
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('--flow "Nurture" names 2 flows');
    for (const twin of twins) expect(outcome.stderr).toContain(twin.id);
    expect(assignCalls()).toBe(0);
    expect(gong().server.mock.stats().calls.listAssignedFlows).toBe(0);
  });

  it("an unknown name is exit 2 with the nearest name offered; nothing is sent", async () => {
    const outcome = await assign("Inbound folow-up", "--yes");
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`did you mean "${assignFlow.name}"?`);
    expect(gong().server.mock.stats().calls.listAssignedFlows).toBe(0);
  });

  it("dry run by id: prints the plan, sends no write, writes the plan", async () => {
    const outcome = await assign(assignFlow.id, "--dry-run", "--report", "dry.json");
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain(`Plan — assign to flow "${assignFlow.name}" (${assignFlow.id})`);
    expect(outcome.stdout).toMatch(/to assign\s*│\s*240/);
    expect(outcome.stdout).toContain("Dry run: nothing was assigned");
    expect(assignCalls()).toBe(0);
    const report = JSON.parse(await readFile(join(tmp(), "dry.json"), "utf8")) as AssignReport;
    expect(report.unprocessed).toHaveLength(240);
  });

  it("refuses to assign without a terminal to confirm on, unless --yes (exit 2, nothing sent)", async () => {
    const outcome = await assign(assignFlow.id);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("pass --yes");
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});

describe("gong-flows unassign --flow NAME --owner EMAIL", () => {
  it("looks the flow up by its exact name among the owner's flows, and takes the prospects out of it", async () => {
    const args = ["unassign", "--prospects", await prospectsFile(), "--flow", assignFlow.name, "--owner", assignOwner];
    const outcome = await gongFlows([...args, "--yes", "--report", "unassign-by-name.json"]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(tmp(), "unassign-by-name.json"), "utf8")) as { unassigned: string[] };
    expect(report.unassigned).toHaveLength(10);
    expect(instancesPerProspect(gong().server.mock).size).toBe(0);
  });

  it("an ambiguous name is exit 2 before anything is listed or sent", async () => {
    const args = ["unassign", "--prospects", await prospectsFile(), "--flow", "Nurture", "--owner", assignOwner];
    const outcome = await gongFlows([...args, "--yes"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('--flow "Nurture" names 2 flows');
    expect(gong().server.mock.stats().calls.listAssignedFlows).toBe(0);
  });
});

describe("gong-flows flows, a --folder the spec refuses", () => {
  it("is a usage error (exit 2): nothing is sent", async () => {
    const outcome = await gongFlows(["flows", "--owner", assignOwner, "--folder", ""]);
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(gong().server.mock.stats().calls.total).toBe(0);
  });
});
