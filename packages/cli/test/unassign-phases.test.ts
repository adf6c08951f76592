import { describe, expect, it } from "vitest";
import { JobState } from "../src/journal/job-state.js";
import type { JournalRecord } from "../src/journal/records.js";
import { noFilter } from "../src/plan/filter.js";
import type { JobActions } from "../src/run/job-actions.js";
import { watchHolds } from "../src/run/job-progress.js";
import { createJobRun } from "../src/run/job-run.js";
import { jobSettings } from "../src/run/job-settings.js";
import type { Recorder } from "../src/run/recorder.js";
import { planUnassign, type UnassignPhaseContext, verifyUnassign } from "../src/run/unassign-phases.js";

type Listing = { phase: string; kind: string; prospects: readonly string[]; final: boolean | undefined };

/** The phases on a job of their own, with requests that are only recorded: no server. */
function phases(
  mode: "prospects" | "flow-instances",
  entries: { id: string; crmProspectId?: string }[],
  onList: (ctx: UnassignPhaseContext, prospects: readonly string[]) => void = () => {},
) {
  const now = () => Date.parse("2026-03-04T10:00:00Z");
  const state = new JobState({ filter: noFilter, strategy: "list-then-batch", mode, entries });
  const records: JournalRecord[] = [];
  const recorder: Recorder = {
    write: async (record) => {
      state.apply(record);
      records.push(record);
    },
    writeNow: (record) => void records.push(record),
  };
  const input = { mode, entries: entries.map((e, i) => ({ ...e, line: i + 1 })), file: "ids.txt" };
  const settings = jobSettings({ input, journalPath: "unused", verify: "all", now });
  const run = createJobRun({ ...settings, state, recorder, holds: watchHolds(now), onProgress: undefined });
  const listings: Listing[] = [];
  const actions: JobActions = {
    async listProspects(phase, kind, prospects, final) {
      listings.push({ phase, kind, prospects, final });
      onList(ctx, prospects);
    },
    send: async () => {},
    unsettled: () => [],
    async check(phase, ids, final) {
      listings.push({ phase, kind: "instance-list", prospects: ids, final });
    },
  };
  const ctx: UnassignPhaseContext = { state, actions, recorder, run, settings };
  return { ctx, records, listings };
}

describe("the plan phase", () => {
  it("records the plan as made once every prospect is listed", async () => {
    const { ctx, records, listings } = phases("prospects", [{ id: "p1" }, { id: "p2" }], (c, prospects) => {
      for (const p of prospects) c.state.listedProspects.add(p);
    });
    const { plan } = await planUnassign(ctx, "reason");
    expect(listings).toEqual([{ phase: "plan", kind: "plan-list", prospects: ["p1", "p2"], final: undefined }]);
    expect(records.filter((r) => r.type === "planned")).toHaveLength(1);
    expect(plan.strategyReason).toBe("reason");
  });

  it("does not record the plan as made when the job stopped while listing", async () => {
    const { ctx, records } = phases("prospects", [{ id: "p1" }, { id: "p2" }], (c, prospects) => {
      for (const p of prospects) c.state.listedProspects.add(p);
      c.run.stop.stopWith({ kind: "signal", signal: "SIGINT" });
    });
    await planUnassign(ctx, "reason");
    expect(records.filter((r) => r.type === "planned")).toEqual([]);
  });
});

describe("the verify phase", () => {
  it("with --verify all, lists every instance of a flow-instance file by its id, as a final check", async () => {
    const entries = [
      { id: "i1", crmProspectId: "p1" },
      { id: "i2", crmProspectId: "p1" },
      { id: "i3", crmProspectId: "p2" },
    ];
    const { ctx, listings } = phases("flow-instances", entries);
    expect(await verifyUnassign(ctx)).toBe(true);
    expect(listings).toEqual([{ phase: "verify", kind: "instance-list", prospects: ["i1", "i2", "i3"], final: true }]);
  });

  it("verifies an instance of the file that has no prospect: it is listed by its id", async () => {
    const { ctx, listings } = phases("flow-instances", [{ id: "i1", crmProspectId: "p1" }, { id: "i2" }]);
    expect(await verifyUnassign(ctx)).toBe(true);
    expect(listings.map((l) => l.prospects)).toEqual([["i1", "i2"]]);
  });
});
