import { describe, expect, it } from "vitest";
import { JobState, targetKey } from "../src/journal/job-state.js";
import type { CompactFlow, JobDescription, JournalRecord } from "../src/journal/records.js";
import { noFilter, type FlowFilter } from "../src/plan/filter.js";

const job: JobDescription = {
  mode: "prospects",
  input: { count: 0, sha256: "", file: "x" },
  flowIds: [],
  statuses: [],
  strategy: "auto",
  baseUrl: "http://127.0.0.1",
};
const at = "2026-03-04T10:00:00.000Z";
const start = (run: number): JournalRecord => ({
  type: "start",
  format: 1,
  at,
  run,
  tool: "t",
  fingerprint: "f",
  job,
  strategy: "list-then-batch",
});
const flow = (id: string, prospect: string, flowId = "F1", status = "Running"): CompactFlow => [
  id,
  prospect,
  flowId,
  status,
  "2026-01-01T00:00:00Z",
];

function prospectsState(
  prospects: string[],
  filter: FlowFilter = noFilter,
  strategy: "list-then-batch" | "by-crm-id" = "list-then-batch",
) {
  return new JobState({ filter, strategy, mode: "prospects", entries: prospects.map((id) => ({ id })) });
}

function replay(state: JobState, records: JournalRecord[]): JobState {
  for (const record of records) state.apply(record);
  return state;
}

const outcomes = (state: JobState) => Object.fromEntries([...state.instances].map(([id, i]) => [id, i.outcome]));

const planListing: JournalRecord[] = [
  start(1),
  { type: "request", seq: 1, kind: "plan-list", ids: ["p1", "p2", "p3"] },
  { type: "attempt", seq: 1, at },
  {
    type: "answer",
    seq: 1,
    at,
    ok: true,
    flows: [flow("a", "p1"), flow("b", "p1", "F2", "Paused"), flow("c", "p2")],
    flowNames: { F1: "SDR", F2: "AE" },
    requestIds: ["r1"],
  },
];

describe("replaying a journal", () => {
  it("plans from the listing, keeping what the filter matches", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"], { flowIds: [], statuses: ["Running"] }), planListing);
    expect(outcomes(state)).toEqual({ a: "pending", c: "pending" });
    expect(["p1", "p2", "p3", "p4"].map((p) => state.listedProspects.has(p))).toEqual([true, true, true, false]);
    expect(["p1", "p2", "p3"].map((p) => state.prospectsInFlows.has(p))).toEqual([true, true, false]);
    expect([state.listedProspects.size, state.prospectsInFlows.size]).toEqual([3, 2]);
    // The instances share the input's prospect strings rather than hold the listing's copies.
    expect(state.instances.get("a")?.crmProspectId).toBe("p1");
    expect(state.flowNames.get("F2")).toBe("AE");
    expect(state.calls).toEqual({
      listAssignedFlows: 1,
      unassignFlowsByCrmProspectId: 0,
      unassignFlowsByFlowInstanceIds: 0,
      total: 1,
    });
    expect(state.requestIds).toEqual(["r1"]);
  });

  it("takes each id's outcome from the answer", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a", "b", "c"] },
      { type: "attempt", seq: 2, at },
      {
        type: "answer",
        seq: 2,
        at,
        ok: true,
        unassigned: ["a"],
        notUnassigned: ["b"],
        unconfirmed: ["c"],
        requestIds: ["r2"],
      },
    ]);
    expect(outcomes(state)).toEqual({ a: "unassigned", b: "notUnassigned", c: "unconfirmed" });
  });

  it("settles every request the process died with as unconfirmed, whether or not its attempt record made it to disk", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
      { type: "request", seq: 3, kind: "unassign-by-instance-id", ids: ["b"] },
      { type: "attempt", seq: 3, at },
      start(2),
    ]);
    expect(outcomes(state)).toEqual({ a: "unconfirmed", b: "unconfirmed", c: "pending" });
    expect(state.openRequests.size).toBe(0);
    expect(state.nextSeq).toBe(4);
  });

  it("settles an ambiguous failure as unconfirmed and a refused one as still to do", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
      { type: "attempt", seq: 2, at },
      { type: "answer", seq: 2, at, ok: false, applied: "maybe", error: { name: "GongTimeoutError", message: "t" } },
      { type: "request", seq: 3, kind: "unassign-by-instance-id", ids: ["b"] },
      { type: "attempt", seq: 3, at },
      {
        type: "answer",
        seq: 3,
        at,
        ok: false,
        applied: "no",
        error: { name: "GongBadRequestError", message: "x", status: 400 },
      },
    ]);
    expect(outcomes(state)).toEqual({ a: "unconfirmed", b: "pending", c: "pending" });
  });

  it("settles unknown outcomes by listing: gone is unassigned, still there is to send again (or, finally, not unassigned)", () => {
    const base: JournalRecord[] = [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a", "b", "c"] },
      { type: "attempt", seq: 2, at },
      {
        type: "answer",
        seq: 2,
        at,
        ok: true,
        unassigned: [],
        notUnassigned: [],
        unconfirmed: ["a", "b", "c"],
        requestIds: [],
      },
      { type: "request", seq: 3, kind: "check-list", ids: ["p1", "p2"] },
      { type: "attempt", seq: 3, at },
    ];
    const answer: JournalRecord = {
      type: "answer",
      seq: 3,
      at,
      ok: true,
      flows: [flow("b", "p1", "F2", "Paused")],
      flowNames: {},
      requestIds: [],
    };
    expect(outcomes(replay(prospectsState(["p1", "p2", "p3"]), [...base, answer]))).toEqual({
      a: "unassigned",
      b: "pending",
      c: "unassigned",
    });

    const final = base.map((r) => (r.type === "request" && r.seq === 3 ? { ...r, final: true } : r));
    expect(outcomes(replay(prospectsState(["p1", "p2", "p3"]), [...final, answer]))).toEqual({
      a: "unassigned",
      b: "notUnassigned",
      c: "unassigned",
    });
  });

  describe("an id a request may have removed unseen (the process died with it on the wire)", () => {
    // Run 1 died with `a`, `b`, `c` on the wire; run 2 listed (still assigned: that request had not been
    // applied yet), sent them again; the answer leaves `a` and `b` out: the dead run's request may have
    // removed them meanwhile. `c`, returned, is unassigned.
    const resent: JournalRecord[] = [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a", "b", "c"] },
      { type: "attempt", seq: 2, at: "2026-03-04T10:00:01.000Z" },
      start(2),
      { type: "request", seq: 3, kind: "check-list", ids: ["p1", "p2"] },
      { type: "attempt", seq: 3, at },
      {
        type: "answer",
        seq: 3,
        at,
        ok: true,
        flows: [flow("a", "p1"), flow("b", "p1", "F2", "Paused"), flow("c", "p2")],
        flowNames: {},
        requestIds: [],
      },
      { type: "request", seq: 4, kind: "unassign-by-instance-id", ids: ["a", "b", "c"] },
      { type: "attempt", seq: 4, at },
      {
        type: "answer",
        seq: 4,
        at,
        ok: true,
        unassigned: ["c"],
        notUnassigned: ["a", "b"],
        unconfirmed: [],
        requestIds: ["r4"],
      },
    ];

    it("is not reported not unassigned on a later answer's word: unconfirmed until a listing decides", () => {
      const state = replay(prospectsState(["p1", "p2", "p3"]), resent);
      expect(outcomes(state)).toEqual({ a: "unconfirmed", b: "unconfirmed", c: "unassigned" });
    });

    it("a listing decides: gone is unassigned; still assigned is not unassigned, and not sent again", () => {
      const state = replay(prospectsState(["p1", "p2", "p3"]), [
        ...resent,
        { type: "request", seq: 5, kind: "check-list", ids: ["p1"] },
        { type: "attempt", seq: 5, at },
        {
          type: "answer",
          seq: 5,
          at,
          ok: true,
          flows: [flow("b", "p1", "F2", "Paused")],
          flowNames: {},
          requestIds: [],
        },
      ]);
      expect(outcomes(state)).toEqual({ a: "unassigned", b: "notUnassigned", c: "unassigned" });
    });

    it("an id no request left unseen keeps the answer's word", () => {
      const state = replay(prospectsState(["p1", "p2", "p3"]), [
        ...planListing,
        { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
        { type: "attempt", seq: 2, at },
        { type: "answer", seq: 2, at, ok: true, unassigned: [], notUnassigned: ["a"], unconfirmed: [], requestIds: [] },
      ]);
      expect(outcomes(state)).toEqual({ a: "notUnassigned", b: "pending", c: "pending" });
    });

    it("knows when the latest such request left: its last attempt, else the last record before the run that settles it", () => {
      expect(replay(prospectsState(["p1", "p2", "p3"]), resent.slice(0, planListing.length + 3)).unansweredLeftAt).toBe(
        Date.parse("2026-03-04T10:00:01.000Z"),
      );
      const noAttempt = replay(prospectsState(["p1", "p2", "p3"]), [
        ...planListing,
        { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
        {
          type: "start",
          format: 1,
          at: "2026-03-04T11:00:00.000Z",
          run: 2,
          tool: "t",
          fingerprint: "f",
          job,
          strategy: "list-then-batch",
        },
      ]);
      expect(noAttempt.unansweredLeftAt).toBe(Date.parse(at));
      expect(replay(prospectsState(["p1", "p2", "p3"]), planListing).unansweredLeftAt).toBeUndefined();
      // In a run: an attempt that got no response at all counts; one Gong answered (a 503) is over at Gong.
      const failed = (seq: number, noResponse: boolean): JournalRecord[] => [
        { type: "request", seq, kind: "unassign-by-instance-id", ids: ["a"] },
        { type: "attempt", seq, at: `2026-03-04T10:00:0${seq}.000Z` },
        {
          type: "answer",
          seq,
          at: "2026-03-04T10:00:30.000Z",
          ok: false,
          applied: "maybe",
          ...(noResponse ? { noResponse: true } : {}),
          error: { name: "E", message: "m" },
        },
      ];
      expect(
        replay(prospectsState(["p1", "p2", "p3"]), [...planListing, ...failed(2, false)]).unansweredLeftAt,
      ).toBeUndefined();
      expect(
        replay(prospectsState(["p1", "p2", "p3"]), [...planListing, ...failed(2, true), ...failed(3, false)])
          .unansweredLeftAt,
      ).toBe(Date.parse("2026-03-04T10:00:02.000Z"));
    });
  });

  it("reports instances a final listing finds that the plan did not have, and answers the listing contradicts", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a", "b", "c"] },
      { type: "attempt", seq: 2, at },
      {
        type: "answer",
        seq: 2,
        at,
        ok: true,
        unassigned: ["a", "b", "c"],
        notUnassigned: [],
        unconfirmed: [],
        requestIds: [],
      },
      { type: "request", seq: 3, kind: "check-list", ids: ["p1", "p2", "p3"], final: true },
      { type: "attempt", seq: 3, at },
      {
        type: "answer",
        seq: 3,
        at,
        ok: true,
        flows: [flow("c", "p2"), flow("new", "p3")],
        flowNames: {},
        requestIds: [],
      },
    ]);
    expect(outcomes(state)).toEqual({ a: "unassigned", b: "unassigned", c: "notUnassigned" });
    expect(state.instances.get("c")?.contradicted).toBe(true);
    expect([...state.assignedDuringRun.keys()]).toEqual(["new"]);
  });

  it("never turns an unassigned instance back into one to send", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
      { type: "attempt", seq: 2, at },
      { type: "answer", seq: 2, at, ok: true, unassigned: ["a"], notUnassigned: [], unconfirmed: [], requestIds: [] },
      { type: "request", seq: 3, kind: "unassign-by-instance-id", ids: ["a"] },
      { type: "attempt", seq: 3, at },
      { type: "answer", seq: 3, at, ok: true, unassigned: [], notUnassigned: [], unconfirmed: ["a"], requestIds: [] },
      start(2),
    ]);
    expect(state.instances.get("a")?.outcome).toBe("unassigned");
  });

  it("counts calls per UTC day across runs, retries included", () => {
    const state = replay(prospectsState(["p1", "p2", "p3"]), [
      ...planListing,
      start(2),
      { type: "request", seq: 2, kind: "unassign-by-instance-id", ids: ["a"] },
      { type: "attempt", seq: 2, at: "2026-03-04T23:59:59.000Z" },
      { type: "attempt", seq: 2, at: "2026-03-05T00:00:01.000Z" },
    ]);
    expect(state.callsOn("2026-03-04")).toBe(2);
    expect(state.callsOn("2026-03-05")).toBe(1);
    expect(state.calls.unassignFlowsByFlowInstanceIds).toBe(2);
    expect(state.runsStarted).toBe(2);
  });

  it("by-crm-id: a prospect is done when Gong answers, unconfirmed when an attempt was ambiguous, and settled by listing", () => {
    const state = prospectsState(["p1", "p2"], noFilter, "by-crm-id");
    replay(state, [
      start(1),
      { type: "request", seq: 1, kind: "unassign-by-crm-id", ids: ["p1"] },
      { type: "attempt", seq: 1, at },
      {
        type: "answer",
        seq: 1,
        at,
        ok: true,
        unassigned: ["a", "b"],
        notUnassigned: [],
        unconfirmed: [],
        requestIds: ["r1"],
      },
      { type: "request", seq: 2, kind: "unassign-by-crm-id", ids: ["p2"] },
      { type: "attempt", seq: 2, at },
      {
        type: "answer",
        seq: 2,
        at,
        ok: true,
        unassigned: [],
        notUnassigned: [],
        unconfirmed: [],
        prospectUnconfirmed: true,
        requestIds: ["r2"],
      },
    ]);
    expect(state.targets.get(targetKey("p1", undefined))?.outcome).toBe("done");
    expect(state.targets.get(targetKey("p2", undefined))?.outcome).toBe("unconfirmed");
    expect(outcomes(state)).toEqual({ a: "unassigned", b: "unassigned" });
    replay(state, [
      { type: "request", seq: 3, kind: "check-list", ids: ["p2"] },
      { type: "attempt", seq: 3, at },
      { type: "answer", seq: 3, at, ok: true, flows: [], flowNames: {}, requestIds: [] },
    ]);
    expect(state.targets.get(targetKey("p2", undefined))?.outcome).toBe("done");
  });
});
