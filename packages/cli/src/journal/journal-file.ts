import {
  closeSync,
  createReadStream,
  fdatasync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import { createInterface } from "node:readline";
import type { JournalRecord } from "./records.js";
import { JournalError } from "./errors.js";
import { acquireLock, type JournalLock } from "./lock.js";

/**
 * An append-only JSON-lines file: one record per line, written in one `write` each, flushed to disk
 * (`fdatasync`) by {@link JournalFile.append} before it resolves. A crash mid-write leaves at most a
 * partial last line, which {@link openJournal} drops.
 */
export interface JournalFile {
  readonly path: string;
  /** Writes a record and resolves once it is on disk. */
  append(record: JournalRecord): Promise<void>;
  /**
   * Writes a record at once, without waiting for the disk. The write reaches the operating system
   * before this returns, so it survives the process being killed; the next {@link append} flushes
   * it to disk together with its own record. For the per-attempt records, written as a request
   * leaves, where waiting for the disk would delay the request past its rate-limit slot.
   */
  appendNow(record: JournalRecord): void;
  /** Flushes, then releases the lock and closes the file. Safe to call twice. */
  close(): Promise<void>;
}

/** What {@link openJournal} found in an existing file. */
export interface OpenedJournal {
  readonly journal: JournalFile;
  /** The records read, unless they were handed to `onRecord` one by one instead. */
  readonly records: JournalRecord[];
  /** True when a partial last line (a crash mid-write) was dropped. */
  readonly droppedPartialLine: boolean;
}

/**
 * Opens (creating if needed) the journal at `path` for appending — refusing, untouched, an existing
 * file that does not start with `options.header` — after taking its lock
 * (`path.lock`) and reading back every record it holds. A partial last line is dropped — the file
 * is cut back to the end of the last whole record — and reported; any other line that is not a
 * record is an error naming `FILE:LINE`, since the journal can then not be trusted.
 */
export async function openJournal(
  path: string,
  onRecord?: (record: JournalRecord) => void,
  options: { header?: string } = {},
): Promise<OpenedJournal> {
  if (options.header !== undefined) refuseForeignFile(path, options.header);
  const lock = acquireLock(`${path}.lock`);
  let fd: number | undefined;
  try {
    fd = openSync(path, "a+");
    const { records, validBytes, droppedPartialLine } = await readRecords(path, onRecord);
    const size = fstatSync(fd).size;
    if (validBytes < size) ftruncateSync(fd, validBytes);
    else if (size > 0 && !endsWithNewline(fd, size)) writeSync(fd, "\n");
    return { journal: journalFile(path, fd, lock), records, droppedPartialLine };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    lock.release();
    throw error;
  }
}

/** What a job's journal starts with: its first record, the job's start (`{"type":"start","format":…`). */
export const journalHeader = '{"type":"start","format":';

/**
 * Refuses an existing file that does not start with `header`, before anything touches it:
 * a notes file given as `--journal` by mistake must not be taken for a journal whose last line was
 * cut short and truncated. (A file that is the start of that header is a first run killed while
 * writing its first line.)
 */
function refuseForeignFile(path: string, header: string): void {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    const head = Buffer.alloc(header.length);
    const read = readSync(fd, head, 0, head.length, 0);
    const start = head.subarray(0, read).toString("utf8");
    if (read > 0 && !header.startsWith(start)) {
      throw new JournalError(
        `${path} exists and is not a gong-flows journal (it does not start with one's first record); it was left untouched: give --journal a new file`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function journalFile(path: string, fd: number, lock: JournalLock): JournalFile {
  let closed = false;
  const sync = () =>
    new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    });
  // Group commit: concurrent appends share flushes. A flush already running may have started before
  // this caller's write, so the caller waits for the next one, which every caller arriving meanwhile
  // shares: at most two flushes are outstanding, however many requests are in flight.
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const flush = (): Promise<void> => {
    if (running === undefined) {
      running = sync().finally(() => {
        running = undefined;
      });
      return running;
    }
    next ??= running.then(
      () => {
        next = undefined;
        return flush();
      },
      () => {
        next = undefined;
        return flush();
      },
    );
    return next;
  };
  const write = (record: JournalRecord) => {
    if (closed) throw new JournalError(`journal ${path} is closed`);
    writeSync(fd, `${JSON.stringify(record)}\n`);
  };
  return {
    path,
    async append(record) {
      write(record);
      await flush();
    },
    appendNow(record) {
      write(record);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await flush();
      } finally {
        closeSync(fd);
        lock.release();
      }
    },
  };
}

/**
 * Reads the records of a journal line by line (a journal of 100,000 prospects runs to tens of
 * megabytes; it is never held whole): each is handed to `onRecord` as it is read, or, without one,
 * collected. Returns the collected records and the byte length of the whole lines.
 */
export async function readRecords(
  path: string,
  onRecord?: (record: JournalRecord) => void,
): Promise<{ records: JournalRecord[]; validBytes: number; droppedPartialLine: boolean }> {
  const records: JournalRecord[] = [];
  const take = onRecord ?? ((record: JournalRecord) => records.push(record));
  let validBytes = 0;
  let pending: { text: string; line: number } | undefined;
  let lineNumber = 0;
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    lineNumber += 1;
    // A line is only known to be whole once the next one starts; the last is checked below.
    if (pending !== undefined) {
      take(parseLine(path, pending.text, pending.line));
      validBytes += Buffer.byteLength(pending.text) + 1;
    }
    pending = { text, line: lineNumber };
  }
  let droppedPartialLine = false;
  if (pending !== undefined && pending.text !== "") {
    let last: JournalRecord | undefined;
    try {
      last = parseLine(path, pending.text, pending.line);
    } catch {
      // The process died while writing its last record: that request was not sent yet (its record
      // is written before sending) or its response is lost (and the request will be settled).
      droppedPartialLine = true;
    }
    if (last !== undefined) {
      take(last);
      validBytes += Buffer.byteLength(pending.text) + 1;
    }
  }
  return { records, validBytes, droppedPartialLine };
}

function parseLine(path: string, text: string, line: number): JournalRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JournalError(
      `${path}:${line}: not a journal record (the journal is damaged; it cannot be resumed safely)`,
    );
  }
  if (value === null || typeof value !== "object" || typeof (value as { type?: unknown }).type !== "string") {
    throw new JournalError(
      `${path}:${line}: not a journal record (the journal is damaged; it cannot be resumed safely)`,
    );
  }
  return value as JournalRecord;
}
