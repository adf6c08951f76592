import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { JobState } from "../src/journal/job-state.js";
import { noFilter } from "../src/plan/filter.js";
import { buildReport, reportCsvChunks, reportInstances, reportJsonChunks } from "../src/report/report.js";

function stateWith(count: number): JobState {
  const state = new JobState({
    filter: noFilter,
    strategy: "list-then-batch",
    mode: "flow-instances",
    entries: Array.from({ length: count }, (_, i) => ({ id: `f${i}`, crmProspectId: `p${i % 7}` })),
  });
  const at = "2026-01-01T00:00:00.000Z";
  state.apply({
    type: "start",
    format: 1,
    at,
    run: 1,
    tool: "t",
    fingerprint: "x",
    strategy: "list-then-batch",
    job: {
      mode: "flow-instances",
      input: { count, sha256: "", file: "f" },
      flowIds: [],
      statuses: [],
      strategy: "list-then-batch",
      baseUrl: "http://127.0.0.1",
    },
  });
  const ids = Array.from({ length: count }, (_, i) => `f${i}`);
  state.apply({ type: "request", seq: 1, kind: "unassign-by-instance-id", ids });
  state.apply({ type: "attempt", seq: 1, at });
  state.apply({
    type: "answer",
    seq: 1,
    at,
    ok: true,
    unassigned: ids.filter((_, i) => i % 4 === 0),
    notUnassigned: ids.filter((_, i) => i % 4 === 1),
    unconfirmed: ids.filter((_, i) => i % 4 === 2),
    requestIds: ["r1"],
  });
  return state;
}

const meta = (dryRun = false) => ({
  tool: "t",
  dryRun,
  journal: "j",
  verify: "unconfirmed" as const,
  verified: false,
  callsAtStart: { listAssignedFlows: 0, unassignFlowsByCrmProspectId: 0, unassignFlowsByFlowInstanceIds: 0, total: 0 },
  exitCode: 1,
  finishedAt: "2026-01-01T00:00:01.000Z",
});

describe("the report", () => {
  it("puts every planned instance in exactly one list, and counts them per flow and status", () => {
    const report = buildReport(stateWith(10), meta());
    expect(report.unassigned).toEqual(["f0", "f4", "f8"]);
    expect(report.notUnassigned).toEqual(["f1", "f5", "f9"]);
    expect(report.unconfirmed).toEqual(["f2", "f6"]);
    expect(report.unprocessed).toEqual(["f3", "f7"]);
    expect(report.flows).toEqual([
      {
        flowId: undefined,
        flowName: undefined,
        flowInstanceStatus: undefined,
        planned: 10,
        unassigned: 3,
        notUnassigned: 3,
        unconfirmed: 2,
        unprocessed: 2,
      },
    ]);
    expect(report.calls.total).toBe(1);
  });

  it("reports everything unprocessed for a dry run", () => {
    const report = buildReport(stateWith(10), meta(true));
    expect(report.unprocessed).toHaveLength(10);
    expect([...reportInstances(stateWith(10), true)].every((i) => i.outcome === "unprocessed")).toBe(true);
  });

  it("writes JSON in slices that add up to JSON.stringify's, even for big lists", () => {
    const report = buildReport(stateWith(9_001), meta());
    const chunks = [...reportJsonChunks(report)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it("writes CSV in slices: one header, one row per instance", () => {
    const state = stateWith(4_500);
    const chunks = [...reportCsvChunks(reportInstances(state, false))];
    expect(chunks.length).toBe(3);
    const rows = parse(chunks.join(""), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4_500);
    expect(rows[1]).toEqual({
      flowInstanceId: "f1",
      crmProspectId: "p1",
      flowId: "",
      flowName: "",
      flowInstanceStatus: "",
      outcome: "notUnassigned",
    });
    expect([...reportCsvChunks([])]).toEqual([
      "flowInstanceId,crmProspectId,flowId,flowName,flowInstanceStatus,outcome\n",
    ]);
  });
});
