// A run that died with unassign requests on the wire, resumed through the library: Gong acts on those
// requests later, before the resumed run lists their prospects or after it has sent them again. The
// order is set with the mock's hold faults, the resumed run's wait with an injected clock.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalRecord } from "../src/journal/records.js";
import { runUnassignJob, type JobInput, type UnassignJobOptions } from "../src/run/run-job.js";
import { waitFor } from "./support/cli-process.js";
import { prospectsWithFlows, useTempDir, useTestGong } from "./support/gong-mock.js";
import { killedRunHold } from "./support/killed-run.js";

const data = prospectsWithFlows(300); // 600 flow instances: 3 unassign requests
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir();
const timeoutMs = 10_000;

const inputs: Record<JobInput["mode"], JobInput> = {
  prospects: {
    mode: "prospects",
    entries: data.prospects.map((id, i) => ({ id, line: i + 1 })),
    file: "prospects.txt",
  },
  "flow-instances": {
    mode: "flow-instances",
    entries: data.flows.map((f, i) => ({ id: f.flowInstanceId!, crmProspectId: f.crmProspectId!, line: i + 2 })),
    file: "instances.csv",
  },
};

/**
 * Runs the job until its 3 unassign requests are held at the mock, then cuts its journal to what a
 * process killed at that moment leaves: everything up to those requests' attempt records.
 */
async function killedRun(options: UnassignJobOptions): Promise<number> {
  const mock = gong().server.mock;
  mock.injectFault({ hold: killedRunHold, operation: "unassignFlowsByFlowInstanceIds", times: 3 });
  const force = new AbortController();
  const run = runUnassignJob({ ...options, forceSignal: force.signal });
  await waitFor("3 unassign requests held", () => mock.held().length === 3);
  force.abort("SIGKILL");
  expect((await run).exitCode).toBe(3);
  const records = (await readFile(options.journalPath!, "utf8"))
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as JournalRecord);
  const cut = records.map((r) => r.type).lastIndexOf("attempt") + 1;
  await writeFile(
    options.journalPath!,
    `${records
      .slice(0, cut)
      .map((r) => JSON.stringify(r))
      .join("\n")}\n`,
  );
  const lastAttempt = records[cut - 1]!;
  if (lastAttempt.type !== "attempt") throw new Error("no attempt record");
  return Date.parse(lastAttempt.at);
}

describe.each(["prospects", "flow-instances"] as const)("runUnassignJob resuming a killed run (%s)", (mode) => {
  // A listing to settle: the 300 prospects, or (a flow-instance file) the 600 instances by id, 100 per call.
  const listCalls = mode === "prospects" ? 3 : 6;
  const options = (name: string): UnassignJobOptions => ({
    input: inputs[mode],
    client: { ...gong().client, timeoutMs },
    journalPath: join(tmp(), `${name}-${mode}.journal.jsonl`),
    reportPath: join(tmp(), `${name}-${mode}.report.json`),
  });

  it("Gong acts on the killed run's requests while the resumed run waits: it lists after the wait, and sends nothing twice", async () => {
    const job = options("before");
    const leftAt = await killedRun(job);
    const mock = gong().server.mock;
    const before = mock.stats().calls;
    let now = leftAt + 1_500;
    const waits: number[] = [];
    const resumed = await runUnassignJob({
      ...job,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        expect(await mock.release(killedRunHold)).toBe(3);
        now += ms;
      },
    });
    // It waited out the rest of the client's timeout since the last of those requests left.
    expect(waits).toEqual([timeoutMs - 1_500]);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.report).toMatchObject({
      runs: 2,
      flowInstancesPlanned: 600,
      notUnassigned: [],
      unconfirmed: [],
      unprocessed: [],
    });
    expect(resumed.report.unassigned).toHaveLength(600);
    expect(resumed.report.callsThisRun).toMatchObject({
      listAssignedFlows: listCalls,
      unassignFlowsByFlowInstanceIds: 0,
    });
    expect(mock.stats().calls.unassignFlowsByFlowInstanceIds).toBe(before.unassignFlowsByFlowInstanceIds);
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });

  it("Gong acts on them after the resumed run has listed and sent them again: a listing decides, every instance unassigned", async () => {
    const job = options("after");
    const leftAt = await killedRun(job);
    const mock = gong().server.mock;
    mock.injectFault({ hold: "resumed-run", operation: "unassignFlowsByFlowInstanceIds", times: 3 });
    // Resumed after the client's timeout: no wait; its listing still finds every instance assigned.
    const running = runUnassignJob({ ...job, now: () => leftAt + timeoutMs + 1 });
    await waitFor(
      "the resumed run's requests held",
      () => mock.held().filter((call) => call.hold === "resumed-run").length === 3,
    );
    expect(await mock.release(killedRunHold)).toBe(3);
    expect(await mock.release("resumed-run")).toBe(3);
    const resumed = await running;
    expect(resumed.exitCode).toBe(0);
    expect(resumed.report).toMatchObject({
      runs: 2,
      flowInstancesPlanned: 600,
      notUnassigned: [],
      unconfirmed: [],
      unprocessed: [],
    });
    expect(resumed.report.unassigned).toHaveLength(600);
    // Listed to settle, sent again, listed again to decide: Gong's answers alone said "not removed".
    expect(resumed.report.callsThisRun).toMatchObject({
      listAssignedFlows: 2 * listCalls,
      unassignFlowsByFlowInstanceIds: 3,
    });
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(600);
  });
});
