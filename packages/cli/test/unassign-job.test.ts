import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUnassignJob, type UnassignJobOptions } from "../src/run/run-job.js";
import type { UnassignReport } from "../src/report/report.js";
import { prospectsWithFlows, useTempDir, useTestGong } from "./support/gong-mock.js";

const data = prospectsWithFlows(30); // 60 flow instances
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir();
let jobNumber = 0;

function job(overrides: Partial<UnassignJobOptions> = {}, prospects = data.prospects): UnassignJobOptions {
  jobNumber += 1;
  return {
    input: { mode: "prospects", entries: prospects.map((id, i) => ({ id, line: i + 1 })), file: "prospects.txt" },
    client: gong().client,
    journalPath: join(tmp(), `job-${jobNumber}.journal.jsonl`),
    reportPath: join(tmp(), `job-${jobNumber}.report.json`),
    ...overrides,
  };
}

/** Every planned instance is in exactly one of the four lists. */
function expectAccountedFor(report: UnassignReport) {
  const lists = [report.unassigned, report.notUnassigned, report.unconfirmed, report.unprocessed];
  const all = lists.flat();
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(report.flowInstancesPlanned);
}

describe("a job against the mock", () => {
  it("lists, then unassigns in batches of 200, and reports every instance unassigned", async () => {
    const result = await runUnassignJob(job());
    expect(result.exitCode).toBe(0);
    const { report } = result;
    expect(report.prospects).toBe(30);
    expect(report.prospectsInFlows).toBe(30);
    expect(report.flowInstancesPlanned).toBe(60);
    expect(report.unassigned).toHaveLength(60);
    expectAccountedFor(report);
    expect(report.calls).toEqual({
      listAssignedFlows: 1,
      unassignFlowsByCrmProspectId: 0,
      unassignFlowsByFlowInstanceIds: 1,
      total: 2,
    });
    expect(report.verified).toBe(true);
    const stats = gong().server.mock.stats();
    expect(stats.flowInstances).toEqual({ assigned: 0, unassigned: 60 });
    expect(stats.calls.total).toBe(2);
    expect(stats.alreadyUnassignedIdsSent).toBe(0);
    expect(report.requestIds).toHaveLength(2);
    // The report on disk is the one returned.
    expect(JSON.parse(await readFile(result.reportFiles[0]!, "utf8"))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("keeps only the instances the filter matches", async () => {
    const running = data.flows.filter((f) => f.flowInstanceStatus === "Running" && f.flowId === data.flows[0]!.flowId);
    const result = await runUnassignJob(job({ filter: { flowIds: [data.flows[0]!.flowId!], statuses: ["Running"] } }));
    expect(result.exitCode).toBe(0);
    expect([...result.report.unassigned].sort()).toEqual(running.map((f) => f.flowInstanceId).sort());
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(running.length);
  });

  it("dry run: plans and reports, sends no write and writes no journal", async () => {
    const options = job({ dryRun: true });
    const result = await runUnassignJob(options);
    expect(result.exitCode).toBe(0);
    expect(result.report.dryRun).toBe(true);
    expect(result.report.unprocessed).toHaveLength(60);
    expectAccountedFor(result.report);
    expect(result.plan).toMatchObject({
      flowInstancesPlanned: 60,
      callsNeeded: { listAssignedFlows: 1, unassignFlowsByFlowInstanceIds: 1, total: 2 },
    });
    const stats = gong().server.mock.stats();
    expect(stats.calls).toMatchObject({ unassignFlowsByCrmProspectId: 0, unassignFlowsByFlowInstanceIds: 0 });
    expect(stats.flowInstances.unassigned).toBe(0);
    await expect(access(options.journalPath!)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes a single prospect out with one unassign-by-crm-id call", async () => {
    const prospect = data.prospects[2]!; // three flows
    const result = await runUnassignJob(job({}, [prospect]));
    expect(result.exitCode).toBe(0);
    expect(result.report.strategy).toBe("by-crm-id");
    expect(result.report.calls).toMatchObject({ listAssignedFlows: 0, unassignFlowsByCrmProspectId: 1, total: 1 });
    expect(result.report.unassigned).toHaveLength(3);
    expectAccountedFor(result.report);
  });

  it("by-crm-id: settles a lost answer by listing the prospect, not by calling again", async () => {
    const prospect = data.prospects[1]!; // two flows
    gong().server.mock.injectFault({ loseAnswer: true, operation: "unassignFlowsByCrmProspectId" });
    const result = await runUnassignJob(job({}, [prospect]));
    expect(result.exitCode).toBe(0);
    expect(result.report.calls).toMatchObject({ unassignFlowsByCrmProspectId: 1, listAssignedFlows: 1, total: 2 });
    // Taken out of its flows — which instances the lost answer named is not known, and not claimed.
    expect(result.report.prospectsUnconfirmed).toEqual([]);
    expect(result.report.unassigned).toEqual([]);
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(2);
  });

  it("by-crm-id with --flow: one call per prospect and flow, and --verify all tells a flow assigned since from one not removed", async () => {
    const prospects = data.prospects.slice(0, 3);
    const flowId = data.flows[0]!.flowId!;
    let seeded = false;
    const result = await runUnassignJob(
      job(
        {
          strategy: "by-crm-id",
          filter: { flowIds: [flowId], statuses: [] },
          verify: "all",
          onProgress: (progress) => {
            if (progress.phase === "unassign" && progress.done === progress.total && progress.total > 0 && !seeded) {
              seeded = true;
              const later = new Date(Date.now() + 60_000).toISOString();
              gong().server.mock.seed([
                { ...data.flows[0]!, flowInstanceId: "assigned-since", flowInstanceCreateDate: later },
              ]);
            }
          },
        },
        prospects,
      ),
    );
    expect(result.report.strategy).toBe("by-crm-id");
    expect(result.report.calls).toMatchObject({ unassignFlowsByCrmProspectId: 3, listAssignedFlows: 1 });
    expect(result.report.unassigned).toHaveLength(3);
    expect(result.report.assignedDuringRun).toEqual(["assigned-since"]);
    expect(result.exitCode).toBe(0);
    // The other flows of those prospects were not touched.
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(3);
  });

  it("settles an answer lost after Gong applied it by listing, and never sends an id twice", async () => {
    gong().server.mock.injectFault({ loseAnswer: true, operation: "unassignFlowsByFlowInstanceIds" });
    const result = await runUnassignJob(job());
    expect(result.exitCode).toBe(0);
    expect(result.report.unassigned).toHaveLength(60);
    const stats = gong().server.mock.stats();
    expect(stats.alreadyUnassignedIdsSent).toBe(0);
    // One list to plan, one unassign whose answer was lost, one list to settle it.
    expect(result.report.calls).toEqual({
      listAssignedFlows: 2,
      unassignFlowsByCrmProspectId: 0,
      unassignFlowsByFlowInstanceIds: 1,
      total: 3,
    });
  });

  it("settles a lost answer for a bare file of flow-instance ids by listing the instances by id", async () => {
    gong().server.mock.injectFault({ loseAnswer: true, operation: "unassignFlowsByFlowInstanceIds" });
    const entries = data.flows.map((f, i) => ({ id: f.flowInstanceId!, line: i + 1 }));
    const result = await runUnassignJob(job({ input: { mode: "flow-instances", entries, file: "instances.txt" } }));
    expect(result.exitCode).toBe(0);
    expect(result.report.unassigned).toHaveLength(60);
    expect(result.report.verified).toBe(true);
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
    // One unassign whose answer was lost, one list of the 60 instances by id to settle it.
    expect(result.report.calls).toMatchObject({ listAssignedFlows: 1, unassignFlowsByFlowInstanceIds: 1, total: 2 });
  });

  it("verifies every instance of a bare flow-instance file by id with --verify all", async () => {
    const entries = data.flows.map((f, i) => ({ id: f.flowInstanceId!, line: i + 1 }));
    const input = { mode: "flow-instances" as const, entries, file: "instances.txt" };
    const result = await runUnassignJob(job({ input, verify: "all" }));
    expect(result.exitCode).toBe(0);
    expect(result.report).toMatchObject({ verified: true, unconfirmed: [], notUnassigned: [] });
    expect(result.report.calls).toMatchObject({ listAssignedFlows: 1, unassignFlowsByFlowInstanceIds: 1 });
  });

  it("reports a lost answer as unconfirmed when --verify none", async () => {
    gong().server.mock.injectFault({ loseAnswer: true, operation: "unassignFlowsByFlowInstanceIds" });
    const result = await runUnassignJob(job({ verify: "none" }));
    expect(result.exitCode).toBe(1);
    expect(result.report.unconfirmed).toHaveLength(60);
    expect(result.report.verified).toBe(false);
    expectAccountedFor(result.report);
  });

  it("sends a batch again after a 429 Gong did not act on", async () => {
    gong().server.mock.injectFault({ status: 429, retryAfterSeconds: 1, operation: "unassignFlowsByFlowInstanceIds" });
    const result = await runUnassignJob(job());
    expect(result.exitCode).toBe(0);
    expect(result.report.calls.unassignFlowsByFlowInstanceIds).toBe(2);
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("with --verify all, re-lists every prospect and reports flows assigned meanwhile apart", async () => {
    let seeded = false;
    const result = await runUnassignJob(
      job({
        verify: "all",
        onProgress: (progress) => {
          // Once the unassign phase has started, a new flow is assigned to the first prospect.
          if (progress.phase === "unassign" && !seeded) {
            seeded = true;
            gong().server.mock.seed([{ ...data.flows[0]!, flowInstanceId: "assigned-meanwhile" }]);
          }
        },
      }),
    );
    expect(result.report.verified).toBe(true);
    expect(result.report.assignedDuringRun).toEqual(["assigned-meanwhile"]);
    expect(result.report.unassigned).toHaveLength(60);
    expect(result.report.calls.listAssignedFlows).toBe(2);
  });

  it("removes the instances of a flow-instance file, 200 per call", async () => {
    const ids = data.flows.map((f) => f.flowInstanceId!);
    const result = await runUnassignJob(
      job({
        input: {
          mode: "flow-instances",
          entries: [...ids, "unknown-instance"].map((id, i) => ({ id, line: i + 1 })),
          file: "instances.txt",
        },
      }),
    );
    // Gong does not return an id it does not know: "not unassigned", and the run says so.
    expect(result.exitCode).toBe(1);
    expect(result.report.unassigned).toHaveLength(60);
    expect(result.report.notUnassigned).toEqual(["unknown-instance"]);
    expect(result.report.calls).toMatchObject({ unassignFlowsByFlowInstanceIds: 1, total: 1 });
  });
});
