import type { JournalFile } from "../journal/journal-file.js";
import type { JournalRecord } from "../journal/records.js";

/**
 * Writes the job's records: each one is applied to the state and appended to the journal (a dry run
 * has no journal and keeps them in memory only). The state is changed first and synchronously, so
 * that concurrent requests never take the same sequence number.
 */
export interface Recorder {
  /** Applies the record and resolves once it is on disk. */
  write(record: JournalRecord): Promise<void>;
  /** Applies the record and hands it to the operating system at once (see {@link JournalFile.appendNow}). */
  writeNow(record: JournalRecord): void;
}

export function createRecorder(
  state: { apply(record: JournalRecord): void },
  journal: JournalFile | undefined,
  redact: (text: string) => string,
): Recorder {
  const safe = (record: JournalRecord): JournalRecord => {
    // Error messages come from the network and the client; they are redacted again here so that no
    // credential can reach the journal, whatever produced the text.
    if (record.type === "answer" && !record.ok) {
      return { ...record, error: { ...record.error, message: redact(record.error.message) } };
    }
    // Flow names are Gong's free text, which may quote anything: kept, like errors, only redacted.
    if (record.type === "answer" && "flowNames" in record) {
      return {
        ...record,
        flowNames: Object.fromEntries(Object.entries(record.flowNames).map(([id, name]) => [id, redact(name)])),
      };
    }
    return record;
  };
  return {
    async write(record) {
      const entry = safe(record);
      state.apply(entry);
      await journal?.append(entry);
    },
    writeNow(record) {
      const entry = safe(record);
      state.apply(entry);
      journal?.appendNow(entry);
    },
  };
}
