import { readdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUnassignJob } from "../src/run/run-job.js";
import { prospectsWithFlows, useTempDir, useTestGong } from "./support/gong-mock.js";

const data = prospectsWithFlows(10);
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir("gong-flows-cli-full-disk-");

describe("a report that cannot be written at the end (a full disk)", () => {
  it("stops with exit 3 and the command to resume, and leaves no temporary file; the same job then writes it", async () => {
    const reportPath = join(tmp(), "report.json");
    const journalPath = join(tmp(), "report.journal.jsonl");
    // The report goes to a temporary file first: make that file the full device.
    await symlink("/dev/full", `${reportPath}.${process.pid}.tmp`);
    const options = {
      input: { mode: "prospects" as const, entries: data.prospects.map((id, i) => ({ id, line: i + 1 })), file: "prospects.txt" },
      client: gong().client,
      journalPath,
      reportPath,
      resumeCommand: "gong-flows unassign --prospects prospects.txt --yes",
    };
    const full = await runUnassignJob(options);
    expect(full.exitCode).toBe(3);
    expect(full.stoppedBecause).toContain("the report or the journal could not be written");
    expect(full.stoppedBecause).toContain("ENOSPC");
    expect(full.report.resumeCommand).toBe(options.resumeCommand);
    expect(full.reportFiles).toEqual([]);
    expect((await readdir(tmp())).sort()).toEqual(["report.journal.jsonl"]);
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(data.flows.length);

    const again = await runUnassignJob(options);
    expect(again.exitCode).toBe(0);
    expect(again.reportFiles).toEqual([reportPath]);
    expect(again.report.unassigned).toHaveLength(data.flows.length);
    expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(0);
  });
});
