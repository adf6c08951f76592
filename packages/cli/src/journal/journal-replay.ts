import type { JournalRecord, OkResponseRecord, RequestKind, RequestRecord, ResponseRecord } from "./records.js";

/** A job's state as the shared machinery sees it: the replay, and the calls it counts per operation. */
export type ReplayedState = JournalReplay & { readonly calls: { readonly total: number } };

/** A request the journal holds no response for (yet). */
export interface OpenRequest {
  readonly record: RequestRecord;
  attempts: number;
  /** When its last attempt left (epoch ms). */
  leftAt?: number;
}

/** The requests that only read: a lost response of theirs changes nothing at Gong. */
export function isListRequest(kind: RequestKind): boolean {
  return kind === "plan-list" || kind === "check-list" || kind === "instance-list";
}

/**
 * What every job's state rebuilds from its journal, whatever the job's operation: the runs, the
 * requests still open, the calls per UTC day, Gong's request ids, and when a write that got no response
 * left. A job's state extends it with what its own responses mean ({@link JournalReplay.applyAnswer})
 * and what a write that may have been applied unseen means ({@link JournalReplay.maybeApplied}).
 */
export abstract class JournalReplay {
  /** Current run number (1 for the first run of the journal). */
  run = 0;
  /** Set by a `planned` record: every input prospect has been listed once. */
  planned = false;
  nextSeq = 1;
  runsStarted = 0;
  firstStartedAt: string | undefined;
  readonly openRequests = new Map<number, OpenRequest>();
  readonly callsByDay = new Map<string, number>();
  readonly requestIds: string[] = [];
  /**
   * When the latest write that may still be in progress at Gong left (epoch ms): one that got no
   * response at all (the process died with it on the wire, it was abandoned, its connection broke
   * before a response). Gong may act on it for a while after that: the run waits before listing.
   */
  unansweredLeftAt: number | undefined;
  /** The time of the latest record (epoch ms): when a request without an attempt record may have left. */
  #lastAt = 0;

  /** Counts one attempt of a request of `kind` that left at `at` (per operation and per UTC day). */
  protected abstract countAttempt(kind: RequestKind, at: string): void;
  /** A write of the job that Gong may have applied without the job seeing its response. */
  protected abstract maybeApplied(request: RequestRecord): void;
  /** A usable response to `request`. */
  protected abstract applyAnswer(request: RequestRecord, response: OkResponseRecord): void;

  /** Calls made on the UTC day `day` (all runs of this journal). */
  callsOn(day: string): number {
    return this.callsByDay.get(day) ?? 0;
  }

  /** Applies one journal record. */
  apply(record: JournalRecord): void {
    switch (record.type) {
      case "start":
        // Before this record's time is taken: an orphan may have left as late as the last record before it.
        this.#settleOrphans();
        this.run = record.run;
        this.runsStarted += 1;
        this.firstStartedAt ??= record.at;
        this.#noteTime(record.at);
        return;
      case "request":
        this.openRequests.set(record.seq, { record, attempts: 0 });
        if (record.seq >= this.nextSeq) this.nextSeq = record.seq + 1;
        return;
      case "attempt": {
        const open = this.openRequests.get(record.seq);
        if (open === undefined) return;
        open.attempts += 1;
        open.leftAt = this.#noteTime(record.at);
        this.countAttempt(open.record.kind, record.at);
        return;
      }
      case "answer":
        this.#noteTime(record.at);
        this.#applyResponse(record);
        return;
      case "planned":
        this.planned = true;
        return;
      case "end":
        return;
    }
  }

  #noteTime(at: string): number {
    const time = Date.parse(at);
    if (time > this.#lastAt) this.#lastAt = time;
    return time;
  }

  /**
   * A new run starts: requests of earlier runs without a response record (the process died) leave their
   * ids unconfirmed, to be settled by listing, even without an attempt record, which a crashed machine
   * may have lost (see docs/design/bulk-job-phases.md).
   */
  #settleOrphans(): void {
    for (const [seq, open] of this.openRequests) {
      this.openRequests.delete(seq);
      this.#markMaybeApplied(open, true);
    }
  }

  /** A request Gong may have applied without the job seeing its response; `noResponse`: none at all. */
  #markMaybeApplied(open: OpenRequest, noResponse: boolean): void {
    if (isListRequest(open.record.kind)) return;
    if (noResponse) this.unansweredLeftAt = Math.max(this.unansweredLeftAt ?? 0, open.leftAt ?? this.#lastAt);
    this.maybeApplied(open.record);
  }

  #applyResponse(response: ResponseRecord): void {
    const open = this.openRequests.get(response.seq);
    if (open === undefined) return;
    this.openRequests.delete(response.seq);
    if (!response.ok) {
      if (response.applied === "maybe") this.#markMaybeApplied(open, response.noResponse === true);
      return;
    }
    this.requestIds.push(...response.requestIds);
    this.applyAnswer(open.record, response);
  }
}
