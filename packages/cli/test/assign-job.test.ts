// The assign job through the library against the mock: plan (prospects already in the flow are not
// sent), batches of 100, Gong's refusals with their error codes, a dry run, a declined confirmation,
// and a run that died with assign requests on the wire, resumed: a listing decides, nothing sent twice.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../src/journal/records.js";
import type { AssignReport } from "../src/report/assign-report.js";
import { runAssignJob } from "../src/run/assign-job.js";
import type { AssignJobOptions } from "../src/run/assign-options.js";
import { assignDataSet, assignFlow, assignOwner, instancesPerProspect } from "./support/assign-data.js";
import { waitFor } from "./support/cli-process.js";
import { useTempDir, useTestGong } from "./support/gong-mock.js";

const { data, prospects } = assignDataSet(250, 10);
const gong = useTestGong(data);
const tmp = useTempDir();
let jobNumber = 0;

function job(overrides: Partial<AssignJobOptions> = {}, ids: readonly string[] = prospects): AssignJobOptions {
  jobNumber += 1;
  return {
    input: { entries: ids.map((id, i) => ({ id, line: i + 1 })), file: "prospects.txt" },
    flow: assignFlow,
    flowInstanceOwnerEmail: assignOwner,
    client: gong().client,
    journalPath: join(tmp(), `assign-${jobNumber}.journal.jsonl`),
    reportPath: join(tmp(), `assign-${jobNumber}.report.json`),
    ...overrides,
  };
}

/** Every input prospect is in exactly one of the report's lists. */
function expectEachProspectOnce(report: AssignReport, count: number) {
  const all = [
    ...report.assigned.map((p) => p.crmProspectId),
    ...report.alreadyInFlow.map((p) => p.crmProspectId),
    ...report.notAssigned.map((p) => p.crmProspectId),
    ...report.unconfirmed,
    ...report.unprocessed,
  ];
  expect(new Set(all).size).toBe(all.length);
  expect(all).toHaveLength(count);
}

describe("an assign job against the mock", () => {
  it("lists, leaves the prospects already in the flow alone, assigns the rest 100 per call", async () => {
    const result = await runAssignJob(job());
    expect(result.exitCode, result.stoppedBecause).toBe(0);
    const { report } = result;
    expect(report.assigned).toHaveLength(240);
    expect(report.alreadyInFlow.map((p) => p.crmProspectId)).toEqual(prospects.slice(0, 10));
    expect(report.alreadyInFlow[0]).toEqual({ crmProspectId: prospects[0], flowInstanceId: "seeded-1" });
    expect(report.assigned.every((p) => p.flowInstanceId !== undefined)).toBe(true);
    expectEachProspectOnce(report, 250);
    expect(report.calls).toEqual({ listAssignedFlows: 3, assignProspects: 3, total: 6 });
    expect(report.verified).toBe(true);
    expect(result.plan).toMatchObject({ prospects: 250, alreadyInFlow: 10, toSend: 240 });
    const counts = instancesPerProspect(gong().server.mock);
    expect(counts.size).toBe(250);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(JSON.parse(await readFile(result.reportFiles[0]!, "utf8"))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("reports a prospect Gong does not assign with Gong's error code, and exits 1", async () => {
    const result = await runAssignJob(job({}, [prospects[20]!, "not-in-the-crm"]));
    expect(result.exitCode).toBe(1);
    expect(result.report.assigned.map((p) => p.crmProspectId)).toEqual([prospects[20]]);
    expect(result.report.notAssigned).toEqual([
      { crmProspectId: "not-in-the-crm", errorCode: "InvalidArgument", errorMessage: expect.any(String) },
    ]);
    expectEachProspectOnce(result.report, 2);
  });

  it("dry run: lists, sends no write, keeps no journal, reports every prospect not in the flow unprocessed", async () => {
    const options = job({ dryRun: true });
    const result = await runAssignJob(options);
    expect(result.exitCode).toBe(0);
    expect(result.report.unprocessed).toHaveLength(240);
    expect(result.report.alreadyInFlow).toHaveLength(10);
    expect(gong().server.mock.stats().calls.assignProspects).toBe(0);
    await expect(readFile(options.journalPath!, "utf8")).rejects.toThrow();
  });

  it("declined: exit 4, nothing sent, no journal and no report left", async () => {
    const options = job({ confirm: async () => false });
    const result = await runAssignJob(options);
    expect(result.exitCode).toBe(4);
    expect(gong().server.mock.stats().calls.assignProspects).toBe(0);
    await expect(readFile(options.journalPath!, "utf8")).rejects.toThrow();
    await expect(readFile(options.reportPath!, "utf8")).rejects.toThrow();
  });
});

describe("an assign job resumed after it died with requests on the wire", () => {
  const timeoutMs = 10_000;

  /** Runs until 3 assign requests are held at the mock, stops at once, cuts the journal as a kill would. */
  async function killedRun(options: AssignJobOptions): Promise<number> {
    const mock = gong().server.mock;
    mock.injectFault({ hold: "killed-run", operation: "assignProspects", times: 3 });
    const force = new AbortController();
    const run = runAssignJob({ ...options, forceSignal: force.signal });
    await waitFor("3 assign requests held", () => mock.held().length === 3);
    force.abort("SIGKILL");
    expect((await run).exitCode).toBe(3);
    const records = (await readFile(options.journalPath!, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as JournalRecord);
    const cut = records.map((r) => r.type).lastIndexOf("attempt") + 1;
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      options.journalPath!,
      `${records
        .slice(0, cut)
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const last = records[cut - 1]!;
    if (last.type !== "attempt") throw new Error("no attempt record");
    return Date.parse(last.at);
  }

  it("Gong acts on them while the resumed run waits: it lists after the wait and sends none of them again", async () => {
    const options = job({ client: { ...gong().client, timeoutMs } });
    const leftAt = await killedRun(options);
    const mock = gong().server.mock;
    let now = leftAt + 1_000;
    const resumed = await runAssignJob({
      ...options,
      now: () => now,
      sleep: async (ms) => {
        expect(await mock.release("killed-run")).toBe(3);
        now += ms;
      },
    });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.report.assigned).toHaveLength(240);
    expect(resumed.report.runs).toBe(2);
    expect(resumed.report.callsThisRun).toMatchObject({ assignProspects: 0, listAssignedFlows: 3 });
    expectEachProspectOnce(resumed.report, 250);
    expect([...instancesPerProspect(mock).values()].every((n) => n === 1)).toBe(true);
  });

  it("Gong acts on them only after the resumed run sent them again: refused as already in the flow, still reported assigned once", async () => {
    const options = job({ client: { ...gong().client, timeoutMs } });
    const leftAt = await killedRun(options);
    const mock = gong().server.mock;
    const resumed = await runAssignJob({ ...options, now: () => leftAt + timeoutMs + 1 });
    expect(await mock.release("killed-run")).toBe(3);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.report.assigned).toHaveLength(240);
    expect(resumed.report.callsThisRun).toMatchObject({ assignProspects: 3 });
    expectEachProspectOnce(resumed.report, 250);
    expect([...instancesPerProspect(mock).values()].every((n) => n === 1)).toBe(true);
  });
});
