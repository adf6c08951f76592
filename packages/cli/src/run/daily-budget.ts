import { utcDay } from "../journal/job-state.js";

/** Where the budget reads the calls made: the job's journal, all runs. */
export interface CallLedger {
  callsOn(day: string): number;
}

/** Calls set aside for one request: its first attempt and the retries it may make. */
export interface Reservation {
  /** The retries the request may make without taking the job over its budget. */
  readonly retries: number;
  /** An attempt left: it is now counted by the journal, no longer merely reserved. */
  attemptLeft(): void;
  /** The request is over: what it did not use goes back. */
  release(): void;
}

/**
 * The job's daily budget (`--daily-budget`): the calls it may make in one UTC day, counted across
 * every run of the journal (its attempt records). A request is only started when the budget has room
 * for its first attempt, and it is allowed only as many retries as the room left after the requests
 * already in flight have had theirs: so the job stops *before* exceeding the budget, never after.
 */
export class DailyBudget {
  readonly limit: number;
  readonly #state: CallLedger;
  readonly #now: () => number;
  #reserved = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(limit: number, state: CallLedger, now: () => number) {
    this.limit = limit;
    this.#state = state;
    this.#now = now;
  }

  /** Calls made today (UTC) by this job, all runs. */
  usedToday(): number {
    return this.#state.callsOn(utcDay(this.#now()));
  }

  /** Calls still free today, after what in-flight requests have reserved. */
  available(): number {
    return this.limit - this.usedToday() - this.#reserved;
  }

  /**
   * Reserves a request's calls. When requests in flight hold what is left, waits for one of them to
   * end (what it did not use comes back); resolves undefined when not even one call is left today
   * and nothing is held, or when `signal` aborts (the job is stopping).
   */
  async reserve(maxRetries: number, signal?: AbortSignal): Promise<Reservation | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const reservation = this.tryReserve(maxRetries);
      if (reservation !== undefined || this.#reserved === 0) return reservation;
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        this.#waiters.push(wake);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
  }

  /** Reserves a request's calls at once, or returns undefined when the budget has no room now. */
  tryReserve(maxRetries: number): Reservation | undefined {
    const available = this.available();
    if (available < 1) return undefined;
    const retries = Math.max(0, Math.min(maxRetries, available - 1));
    let held = 1 + retries;
    this.#reserved += held;
    return {
      retries,
      attemptLeft: () => {
        if (held > 0) {
          held -= 1;
          this.#reserved -= 1;
        }
      },
      release: () => {
        this.#reserved -= held;
        held = 0;
        for (const wake of this.#waiters.splice(0)) wake();
      },
    };
  }
}
