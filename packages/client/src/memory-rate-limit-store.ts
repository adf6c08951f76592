import { GongConfigurationError } from "./errors.js";
import { checkKeys } from "./option-keys.js";
import {
  freeTurn,
  RateLimitRefusal,
  type RateLimitStore,
  type RateLimitTurn,
  rateLimitDefaults,
} from "./rate-limit.js";
import { type LongTimer, setLongTimeout } from "./timers.js";

/** Options of {@link createMemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Per second of the limit, ms kept free for requests to reach the server after their turn: turns are
   * `(1000 + departureSlackMs) / requestsPerSecond` ms apart. Default
   * {@link rateLimitDefaults}`.departureSlackMs` (75: 93.0 % of the limit); 0 to 500.
   */
  departureSlackMs?: number | undefined;
}

/** How late after its slot a turn may be given and still keep the schedule (timers have a millisecond's grain). */
const onScheduleMs = 2;

/** The slot a turn given `now` takes: its own slot `due` when on schedule, else `now`. */
const slotOf = (now: number, due: number) => (now - due <= onScheduleMs ? due : now);

interface Waiter {
  readonly enqueuedAt: number;
  readonly intervalMs: number;
  readonly maxWaitMs: number;
  readonly resolve: (waitedMs: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

/** One memory store's schedule: who waits, when the last turn was given, until when Gong asked to hold. */
interface Schedule {
  readonly departureSlackMs: number;
  readonly queue: Waiter[];
  lastGrant: number;
  holdUntil: number;
  timer: LongTimer | undefined;
}

/**
 * The in-process rate-limit store, the default of every client: lets the requests that share it
 * (concurrent calls included) start one at a time, in the order they asked, at least
 * `(1000 + departureSlackMs) / requestsPerSecond` ms apart; and after a 429 holds all of them until
 * Gong's `Retry-After` has passed, instead of letting every queued call bounce off Gong. How the
 * schedule keeps time: docs/design/request-spacing.md.
 *
 * Each client gets a fresh one unless given another; pass one store to several clients of one process
 * to make them share a limit. It is also the reference other stores are compared with.
 */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): RateLimitStore {
  const schedule: Schedule = {
    departureSlackMs: checkDepartureSlack(options),
    queue: [],
    lastGrant: Number.NEGATIVE_INFINITY,
    holdUntil: 0,
    timer: undefined,
  };
  const store = {
    [freeTurn]: (turn: RateLimitTurn) => takeFree(schedule, turn),

    acquire(turn: RateLimitTurn): Promise<number> {
      const { signal } = turn;
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (takeFree(schedule, turn)) return Promise.resolve(0);
      const now = Date.now();
      const heldMs = schedule.holdUntil - now;
      if (heldMs > turn.maxWaitMs) return Promise.reject(new RateLimitRefusal(heldMs, "hold"));
      return enqueue(schedule, turn, now);
    },

    hold(ms: number): void {
      if (!(ms > 0)) return;
      schedule.holdUntil = Math.max(schedule.holdUntil, Date.now() + ms);
      pump(schedule);
    },
  };
  return store;
}

const intervalOf = (schedule: Schedule, turn: RateLimitTurn) =>
  turn.requestsPerSecond === undefined ? 0 : (1000 + schedule.departureSlackMs) / turn.requestsPerSecond;

/** Below the limit, with nobody waiting, the turn is immediate (the usual case). */
function takeFree(schedule: Schedule, turn: RateLimitTurn): boolean {
  const now = Date.now();
  const due = schedule.lastGrant + intervalOf(schedule, turn);
  if (schedule.queue.length > 0 || schedule.holdUntil > now || due > now || turn.signal?.aborted) return false;
  schedule.lastGrant = slotOf(now, due);
  return true;
}

/** Queues a turn; it resolves when {@link pump} lets it through, or rejects on abort or refusal. */
function enqueue(schedule: Schedule, turn: RateLimitTurn, now: number): Promise<number> {
  const { signal } = turn;
  return new Promise<number>((resolve, reject) => {
    const onAbort = () => {
      remove(schedule.queue, waiter);
      reject(signal?.reason);
      pump(schedule);
    };
    const waiter: Waiter = {
      enqueuedAt: now,
      intervalMs: intervalOf(schedule, turn),
      maxWaitMs: turn.maxWaitMs,
      resolve,
      reject,
      detach: () => signal?.removeEventListener("abort", onAbort),
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    schedule.queue.push(waiter);
    pump(schedule);
  });
}

/** Lets through every waiter that may go now, and sets one timer for the next moment one may. */
function pump(schedule: Schedule): void {
  const { queue } = schedule;
  schedule.timer?.cancel();
  schedule.timer = undefined;
  while (queue.length > 0) {
    const now = Date.now();
    if (schedule.holdUntil > now) {
      refuseLongerThan(queue, schedule.holdUntil - now);
      if (queue.length > 0) schedule.timer = setLongTimeout(() => pump(schedule), schedule.holdUntil - now);
      return;
    }
    const waiter = queue[0] as Waiter;
    const due = schedule.lastGrant + waiter.intervalMs;
    if (due > now) {
      schedule.timer = setLongTimeout(() => pump(schedule), due - now);
      return;
    }
    queue.shift();
    schedule.lastGrant = slotOf(now, due);
    waiter.detach();
    waiter.resolve(now - waiter.enqueuedAt);
  }
}

/** Refuses the waiters that do not accept a hold of `remainingMs`. */
function refuseLongerThan(queue: Waiter[], remainingMs: number): void {
  for (const waiter of [...queue]) {
    if (waiter.maxWaitMs >= remainingMs) continue;
    remove(queue, waiter);
    waiter.detach();
    waiter.reject(new RateLimitRefusal(remainingMs, "hold"));
  }
}

function remove(queue: Waiter[], waiter: Waiter): void {
  const index = queue.indexOf(waiter);
  if (index !== -1) queue.splice(index, 1);
}

/** Checks `departureSlackMs` of the memory store's options, so that a typo fails at creation. */
function checkDepartureSlack(options: MemoryRateLimitStoreOptions): number {
  if (typeof options !== "object" || options === null)
    throw new GongConfigurationError("The options of createMemoryRateLimitStore must be an object.");
  checkKeys(options, ["departureSlackMs"], "");
  const value = options.departureSlackMs ?? rateLimitDefaults.departureSlackMs;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > rateLimitDefaults.maxDepartureSlackMs
  ) {
    throw new GongConfigurationError(
      `departureSlackMs must be a number of milliseconds from 0 to ${rateLimitDefaults.maxDepartureSlackMs}, got ${String(value)}.`,
    );
  }
  return value;
}
