import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { useTempDir } from "./support/temp-dir.js";

// Counts the journal's flushes to disk, to see concurrent appends share them.
const flushes = vi.hoisted(() => ({ count: 0 }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    fdatasync: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      flushes.count += 1;
      fs.fdatasync(fd, callback);
    },
  };
});

const { openJournal } = await import("../src/journal/journal-file.js");

const tmp = useTempDir("gong-flows-cli-group-");

it("concurrent appends share their flushes, and each resolves only after a flush that began after its write", async () => {
  const path = join(tmp(), "group.jsonl");
  const { journal } = await openJournal(path);
  flushes.count = 0;
  await Promise.all(
    Array.from({ length: 50 }, (_, seq) =>
      journal.append({ type: "request", seq, kind: "plan-list", ids: [`p${seq}`] }),
    ),
  );
  expect(flushes.count).toBeGreaterThanOrEqual(1);
  expect(flushes.count).toBeLessThanOrEqual(3);
  // One more append after the others: it gets a flush of its own.
  const before = flushes.count;
  await journal.append({ type: "request", seq: 50, kind: "plan-list", ids: ["p50"] });
  expect(flushes.count).toBe(before + 1);
  await journal.close();
  const reopened = await openJournal(path);
  expect(reopened.records.map((r) => (r as { seq: number }).seq)).toEqual(Array.from({ length: 51 }, (_, i) => i));
  await reopened.journal.close();
});
