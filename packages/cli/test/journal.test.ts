import { spawnSync } from "node:child_process";
import { appendFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { JournalError } from "../src/journal/errors.js";
import { inputDigest, jobDifferences, jobFingerprint } from "../src/journal/fingerprint.js";
import { openJournal } from "../src/journal/journal-file.js";
import type { JobDescription, JournalRecord } from "../src/journal/records.js";
import { useTempDir } from "./support/temp-dir.js";

const tmp = useTempDir("gong-flows-cli-journal-");
let path: string;
let testNumber = 0;
beforeEach(async () => {
  testNumber += 1;
  const dir = join(tmp(), `test-${testNumber}`);
  await mkdir(dir);
  path = join(dir, "job.journal.jsonl");
});

const request = (seq: number): JournalRecord => ({
  type: "request",
  seq,
  kind: "unassign-by-instance-id",
  ids: [`f${seq}`],
});

describe("journal file", () => {
  it("appends one JSON line per record and reads them back in order", async () => {
    const { journal, records } = await openJournal(path);
    expect(records).toEqual([]);
    await journal.append(request(1));
    journal.appendNow({ type: "attempt", seq: 1, at: "2026-01-02T03:04:05.000Z" });
    await journal.append(request(2));
    await journal.close();
    const text = await readFile(path, "utf8");
    expect(text.split("\n")).toHaveLength(4);
    const reopened = await openJournal(path);
    expect(reopened.records).toEqual([
      request(1),
      { type: "attempt", seq: 1, at: "2026-01-02T03:04:05.000Z" },
      request(2),
    ]);
    expect(reopened.droppedPartialLine).toBe(false);
    await reopened.journal.close();
  });

  it("drops a partial last line (a crash mid-write) and appends cleanly after it", async () => {
    await writeFile(path, `${JSON.stringify(request(1))}\n{"type":"request","seq":2,"ki`);
    const { journal, records, droppedPartialLine } = await openJournal(path);
    expect(records).toEqual([request(1)]);
    expect(droppedPartialLine).toBe(true);
    await journal.append(request(3));
    await journal.close();
    expect(await readFile(path, "utf8")).toBe(`${JSON.stringify(request(1))}\n${JSON.stringify(request(3))}\n`);
  });

  it("keeps a whole last record that lost only its newline", async () => {
    await writeFile(path, `${JSON.stringify(request(1))}\n${JSON.stringify(request(2))}`);
    const { journal, records, droppedPartialLine } = await openJournal(path);
    expect(records).toEqual([request(1), request(2)]);
    expect(droppedPartialLine).toBe(false);
    await journal.append(request(3));
    await journal.close();
    expect((await readFile(path, "utf8")).trimEnd().split("\n")).toHaveLength(3);
  });

  it("refuses a journal damaged before its last line, naming the line", async () => {
    await writeFile(path, `${JSON.stringify(request(1))}\nnot json\n${JSON.stringify(request(2))}\n`);
    await expect(openJournal(path)).rejects.toThrow(
      new JournalError(`${path}:2: not a journal record (the journal is damaged; it cannot be resumed safely)`),
    );
    // The lock is not left behind by the refusal.
    await writeFile(path, "");
    const { journal } = await openJournal(path);
    await journal.close();
  });

  it("lets one run at a time hold the journal, and takes over the lock of a process that died", async () => {
    const { journal } = await openJournal(path);
    await expect(openJournal(path)).rejects.toThrow(/the journal is in use by process \d+ on /);
    await journal.close();

    // A process that is gone, as after SIGKILL: its lock is stale.
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
    await writeFile(
      `${path}.lock`,
      `${JSON.stringify({ pid: dead, host: hostname(), since: "2026-01-01T00:00:00.000Z" })}\n`,
    );
    const again = await openJournal(path);
    await again.journal.close();
    await expect(readFile(`${path}.lock`)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("does not take over a lock held on another host", async () => {
    await writeFile(
      `${path}.lock`,
      `${JSON.stringify({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00.000Z" })}\n`,
    );
    await expect(openJournal(path)).rejects.toThrow(/in use by process 1 on elsewhere\.example/);
    await rm(`${path}.lock`);
  });

  it("appends after the records of an earlier run", async () => {
    const first = await openJournal(path);
    await first.journal.append(request(1));
    await first.journal.close();
    await appendFile(path, "");
    const second = await openJournal(path);
    await second.journal.append(request(2));
    await second.journal.close();
    const third = await openJournal(path);
    await third.journal.close();
    expect(third.records).toEqual([request(1), request(2)]);
  });
});

describe("job fingerprint", () => {
  const job: JobDescription = {
    mode: "prospects",
    input: { count: 2, sha256: inputDigest([{ id: "p1" }, { id: "p2" }]), file: "a.txt" },
    flowIds: ["f2", "f1"],
    statuses: [],
    strategy: "auto",
    baseUrl: "https://api.gong.io",
  };

  it("is the same for the same ids in another order, another file name, filters in another order", () => {
    const same: JobDescription = {
      ...job,
      input: { ...job.input, sha256: inputDigest([{ id: "p2" }, { id: "p1" }]), file: "b.txt" },
      flowIds: ["f1", "f2"],
    };
    expect(jobFingerprint(same)).toBe(jobFingerprint(job));
    expect(jobDifferences(job, same)).toEqual([]);
  });

  it("differs for other ids, filters, strategy or Gong, and says how", () => {
    const other: JobDescription = {
      ...job,
      input: { count: 3, sha256: inputDigest([{ id: "p1" }, { id: "p2" }, { id: "p3" }]), file: "c.txt" },
      statuses: ["Running"],
      baseUrl: "https://eu.api.gong.io",
    };
    expect(jobFingerprint(other)).not.toBe(jobFingerprint(job));
    expect(jobDifferences(job, other)).toEqual([
      "input ids: the journal's are 2 id(s) from a.txt, this run's 3 id(s) from c.txt, and they differ",
      "--status: the journal's is (none), this run's Running",
      "Gong's base URL: the journal's is https://api.gong.io, this run's https://eu.api.gong.io",
    ]);
  });

  it("binds a flow instance to its prospect", () => {
    expect(inputDigest([{ id: "f1", crmProspectId: "p1" }])).not.toBe(inputDigest([{ id: "f1", crmProspectId: "p2" }]));
  });
});
