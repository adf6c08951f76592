import { readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JournalError } from "../src/journal/errors.js";
import type { JournalRecord } from "../src/journal/records.js";
import { runUnassignJob, type UnassignJobOptions } from "../src/run/run-job.js";
import { prospectsWithFlows, useTempDir, useTestGong } from "./support/gong-mock.js";

const data = prospectsWithFlows(300); // 600 flow instances: 3 list calls, 3 unassign calls
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir();
let jobNumber = 0;

function job(overrides: Partial<UnassignJobOptions> = {}): UnassignJobOptions {
  jobNumber += 1;
  return {
    input: { mode: "prospects", entries: data.prospects.map((id, i) => ({ id, line: i + 1 })), file: "prospects.txt" },
    client: gong().client,
    concurrency: 1,
    journalPath: join(tmp(), `resume-${jobNumber}.journal.jsonl`),
    reportPath: join(tmp(), `resume-${jobNumber}.report.json`),
    ...overrides,
  };
}

async function journalRecords(path: string): Promise<JournalRecord[]> {
  return (await readFile(path, "utf8"))
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as JournalRecord);
}

describe("resuming a job from its journal", () => {
  it("after the process died with a request on the wire: settles it by listing, sends nothing twice, reports the whole job", async () => {
    const options = job();
    const first = await runUnassignJob(options);
    expect(first.exitCode).toBe(0);
    // Make the journal what a process killed right after its second unassign request left would have
    // written: everything up to that request's attempt record. Gong had applied that request; the
    // third was never sent, so its instances are assigned again.
    const records = await journalRecords(options.journalPath!);
    const unassigns = records.filter(
      (r): r is Extract<JournalRecord, { type: "request" }> =>
        r.type === "request" && r.kind === "unassign-by-instance-id",
    );
    const cut = records.findIndex((r) => r.type === "attempt" && r.seq === unassigns[1]!.seq) + 1;
    await writeFile(
      options.journalPath!,
      `${records
        .slice(0, cut)
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const neverSent = new Set(unassigns[2]!.ids);
    gong().server.mock.seed(data.flows.filter((f) => neverSent.has(f.flowInstanceId!)));
    const before = gong().server.mock.stats();

    // Resumed 4 s after that request left: Gong may work on it for the client's timeout (10 s here), so
    // its ids are listed only once 6 s more have passed. The never-sent request goes first.
    const lastAttempt = records[cut - 1]!;
    if (lastAttempt.type !== "attempt") throw new Error("the journal is cut after an attempt record");
    const leftAt = Date.parse(lastAttempt.at);
    let now = leftAt + 4_000;
    const waits: { ms: number; unassignCallsBefore: number }[] = [];
    const resumed = await runUnassignJob({
      ...options,
      client: { ...options.client, timeoutMs: 10_000 },
      now: () => now,
      sleep: async (ms) => {
        waits.push({
          ms,
          unassignCallsBefore:
            gong().server.mock.stats().calls.unassignFlowsByFlowInstanceIds -
            before.calls.unassignFlowsByFlowInstanceIds,
        });
        now += ms;
      },
    });
    expect(waits).toEqual([{ ms: 6_000, unassignCallsBefore: 1 }]);
    expect(resumed.exitCode).toBe(0);
    const { report } = resumed;
    expect(report.runs).toBe(2);
    expect(report.flowInstancesPlanned).toBe(600);
    expect(report.unassigned).toHaveLength(600);
    const after = gong().server.mock.stats();
    expect(after.alreadyUnassignedIdsSent).toBe(0);
    expect(after.flowInstances.assigned).toBe(0);
    // The request in flight was settled by listing its prospects, not sent again; only the request
    // never sent was sent.
    expect(report.callsThisRun.listAssignedFlows).toBeGreaterThanOrEqual(1);
    expect(report.callsThisRun.unassignFlowsByFlowInstanceIds).toBe(1);
    expect(after.calls.unassignFlowsByFlowInstanceIds - before.calls.unassignFlowsByFlowInstanceIds).toBe(1);
  });

  it("after a crash mid-way: sends only what was never sent, and never an id twice", async () => {
    const options = job();
    // Stop at once after the first unassign request: as a kill would, minus the journal's last lines.
    const force = new AbortController();
    let unassignAnswers = 0;
    const first = await runUnassignJob({
      ...options,
      forceSignal: force.signal,
      onProgress: (p) => {
        if (p.phase === "unassign" && p.done > 0 && ++unassignAnswers === 1) force.abort("SIGKILL");
      },
    });
    expect(first.exitCode).toBe(3);
    expect(first.report.unassigned).toHaveLength(200);
    expect(first.report.unprocessed).toHaveLength(400);
    expect(first.report.resumeCommand).toBeUndefined(); // the library knows no command line unless given one

    const resumed = await runUnassignJob(options);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.report.unassigned).toHaveLength(600);
    expect(resumed.report.calls).toMatchObject({ listAssignedFlows: 3, unassignFlowsByFlowInstanceIds: 3, total: 6 });
    expect(resumed.report.callsThisRun).toMatchObject({
      listAssignedFlows: 0,
      unassignFlowsByFlowInstanceIds: 2,
      total: 2,
    });
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("tolerates a partial last line, as a crash mid-write leaves it", async () => {
    const options = job();
    await runUnassignJob({ ...options, dailyBudget: 2 });
    const text = await readFile(options.journalPath!, "utf8");
    await truncate(options.journalPath!, Buffer.byteLength(text) - 10);
    const resumed = await runUnassignJob({ ...options, now: () => Date.now() + 86_400_000 });
    expect(resumed.warnings).toContain(
      "the journal's last line was cut short (the process died while writing it) and was dropped",
    );
    expect(resumed.report.unassigned).toHaveLength(600);
    expect(resumed.exitCode).toBe(0);
  });

  it("refuses a journal written for another input or filter, saying what differs", async () => {
    const options = job();
    await runUnassignJob({ ...options, dryRun: false, dailyBudget: 1 });
    const other = {
      ...options,
      input: { ...options.input, entries: options.input.entries.slice(1), file: "fewer.txt" },
      filter: { flowIds: [], statuses: ["Paused"] },
    };
    const refusal = runUnassignJob(other);
    await expect(refusal).rejects.toBeInstanceOf(JournalError);
    await expect(refusal).rejects.toThrow(
      /was written for a different job[\s\S]*input ids: the journal's are 300 id\(s\) from prospects\.txt, this run's 299 id\(s\) from fewer\.txt[\s\S]*--status: the journal's is \(none\), this run's Paused/,
    );
  });
});

describe("the daily budget", () => {
  it("stops before exceeding it, counts across runs of the same UTC day, and resumes the next day", async () => {
    let now = Date.parse("2026-05-01T10:00:00Z");
    const options = job({ dailyBudget: 4, now: () => now });
    const first = await runUnassignJob(options);
    expect(first.exitCode).toBe(3);
    expect(first.stop).toEqual({ kind: "daily-budget", limit: 4, day: "2026-05-01" });
    expect(first.report.calls.total).toBe(4); // 3 list + 1 unassign
    expect(first.stoppedBecause).toBe(
      "the daily budget of 4 calls is spent for 2026-05-01 (UTC); it renews in 14 h, at 00:00 UTC (or raise --daily-budget)",
    );
    expectEveryInstanceAccounted(first.report);

    // The same day: nothing left, nothing sent.
    const callsBefore = gong().server.mock.stats().calls.total;
    now += 3_600_000;
    const again = await runUnassignJob(options);
    expect(again.exitCode).toBe(3);
    expect(gong().server.mock.stats().calls.total).toBe(callsBefore);

    // The next UTC day: the rest.
    now = Date.parse("2026-05-02T00:00:01Z");
    const nextDay = await runUnassignJob(options);
    expect(nextDay.exitCode).toBe(0);
    expect(nextDay.report.unassigned).toHaveLength(600);
    expect(nextDay.report.calls.total).toBe(6);
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("stops when Gong's own daily quota is spent (a long Retry-After), resumable", async () => {
    const small = useQuotaMock();
    const result = await runUnassignJob(job({ client: small.client() }));
    expect(result.exitCode).toBe(3);
    expect(result.stop?.kind).toBe("gong-quota");
    // The mock's Retry-After runs to midnight UTC: hours, or minutes in the day's last hour.
    expect(result.stoppedBecause).toMatch(
      /^Gong's rate limit holds every call for another (\d+ h( \d+ min)?|\d+ min) \(its daily quota is likely spent\): resume after that$/,
    );
    expectEveryInstanceAccounted(result.report);
  });
});

function expectEveryInstanceAccounted(report: {
  unassigned: readonly string[];
  notUnassigned: readonly string[];
  unconfirmed: readonly string[];
  unprocessed: readonly string[];
  flowInstancesPlanned: number;
}) {
  const all = [...report.unassigned, ...report.notUnassigned, ...report.unconfirmed, ...report.unprocessed];
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(report.flowInstancesPlanned);
}

/** The same data behind a mock whose daily quota is 4 calls. */
function useQuotaMock() {
  return { client: () => ({ ...gong().client, baseUrl: quotaGong().server.url }) };
}
const quotaGong = useTestGong({ assignedFlows: data.flows, dailyQuota: 4 });
