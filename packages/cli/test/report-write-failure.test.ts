import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { PassThrough } from "node:stream";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { runUnassignJob } from "../src/run/run-job.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";

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
      input: {
        mode: "prospects" as const,
        entries: data.prospects.map((id, i) => ({ id, line: i + 1 })),
        file: "prospects.txt",
      },
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

describe("list --out that cannot be written (a full disk)", () => {
  it("exits 3 with one line naming the file, and leaves neither a partial file nor a temporary one", async () => {
    const dir = join(tmp(), "list");
    await mkdir(dir);
    await writeFile(join(dir, "prospects.txt"), `${data.prospects.join("\n")}\n`);
    await symlink("/dev/full", join(dir, `flows.csv.${process.pid}.tmp`));
    const saved = { ...process.env };
    Object.assign(process.env, {
      GONG_BASE_URL: gong().server.url,
      GONG_ACCESS_KEY: testAuth.accessKey,
      GONG_ACCESS_KEY_SECRET: testAuth.accessKeySecret,
    });
    const stderr = Object.assign(new PassThrough(), { isTTY: false });
    let errText = "";
    stderr.on("data", (chunk: Buffer) => (errText += chunk.toString()));
    try {
      const code = await runCli(
        [
          "list",
          "--prospects",
          "prospects.txt",
          "--format",
          "csv",
          "--out",
          "flows.csv",
          "--rps",
          "0",
          "--no-progress",
        ],
        {
          cwd: dir,
          env: process.env,
          stdout: new PassThrough(),
          stderr: stderr as unknown as NodeJS.WriteStream,
        },
      );
      expect(code).toBe(3);
      expect(errText).toBe("gong-flows: could not write --out flows.csv (ENOSPC); run the same command again\n");
      expect(await readdir(dir)).toEqual(["prospects.txt"]);
    } finally {
      process.env = saved;
    }
  });
});
