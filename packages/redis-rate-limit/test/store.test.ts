import { GongError, RateLimitRefusal } from "@gong-flows/client";
import { startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createRedisRateLimitStore,
  RedisStoreError,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from "../src/index.js";
import { sleepUntil } from "../src/sleep.js";

// A pass-through spy: the store's waits happen as they would, and a test can see whether it waited.
vi.mock("../src/sleep.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/sleep.js")>();
  return { ...original, sleepUntil: vi.fn(original.sleepUntil) };
});

let redis: RedisServer;
let admin: Redis;
const stores: RedisRateLimitStore[] = [];
let keyCounter = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});

afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A store on the test's Redis with a key of its own, closed after the test. */
function store(options: Partial<RedisRateLimitStoreOptions> = {}): RedisRateLimitStore {
  const created = createRedisRateLimitStore({
    redis: redis.url,
    key: `test:${process.pid}:${++keyCounter}`,
    ...options,
  });
  stores.push(created);
  return created;
}

/** Another store on the same key, as another process would have. */
function twin(of: RedisRateLimitStore, options: Partial<RedisRateLimitStoreOptions> = {}): RedisRateLimitStore {
  return store({ key: of.key, ...options });
}

const turn = (requestsPerSecond: number | undefined, maxWaitMs = 60_000, signal?: AbortSignal) => ({
  requestsPerSecond,
  maxWaitMs,
  signal,
});

const gaps = (times: readonly number[]) => times.slice(1).map((time, i) => time - times[i]!);

/** The bookings of a key as the scripts keep them (see src/scripts.ts): slots and bounds in µs, Redis's clock. */
async function bookings(key: string): Promise<{ slot: number; bound: number; left: boolean }[]> {
  const log = (await admin.hget(key, "log")) ?? "";
  return log
    .split(" ")
    .filter(Boolean)
    .map((entry) => {
      const [slot, bound, left] = entry.split(",");
      return { slot: Number(slot), bound: Number(bound), left: left === "1" };
    });
}

/** Keeps the event loop busy until `until` (performance.now()): a stalled process. */
function stallUntil(until: number): void {
  while (performance.now() < until) {
    // busy on purpose
  }
}

/*
 * Spacing is judged here by the slots Redis granted (its own clock, exact); what a server sees is
 * judged by the multi-process tests. Times seen from this process only serve for "waited at all".
 */
describe("spacing", () => {
  it("lets the first call start at once and books the others (1000 + 75) / requestsPerSecond ms apart (the default slack)", async () => {
    const limiter = store();
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire(turn(20))));
    const log = await bookings(limiter.key);
    expect(log).toHaveLength(6);
    expect(log[0]!.left).toBe(true); // booked as due at once: its caller went without waiting
    // Never closer than the interval; exactly it unless a caller woke late on a busy machine and its
    // booking was moved (later, never earlier).
    for (const gap of gaps(log.map((booking) => booking.slot))) expect(gap).toBeGreaterThanOrEqual(53_750);
    expect(performance.now() - started).toBeGreaterThanOrEqual(5 * 53.75 - 1);
  });

  it("spaces the calls of stores sharing a key, and keeps other keys apart", async () => {
    const first = store();
    const second = twin(first);
    const other = store();
    await Promise.all([
      first.acquire(turn(10)),
      second.acquire(turn(10)),
      first.acquire(turn(10)),
      second.acquire(turn(10)),
      other.acquire(turn(10)),
    ]);
    const shared = await bookings(first.key);
    expect(shared).toHaveLength(4);
    for (const gap of gaps(shared.map((booking) => booking.slot))) expect(gap).toBeGreaterThanOrEqual(107_500); // later only on a busy machine
    expect(await bookings(other.key)).toHaveLength(1);
    expect((await other.usage()).nextSlotInMs).toBeLessThan(107.5); // its next slot is one interval after its own call
  });

  it("does not space calls when spacing is off (requestsPerSecond undefined), and refuses NaN", async () => {
    const limiter = store();
    await expect(limiter.acquire(turn(Number.NaN))).rejects.toThrow(RangeError);
    await limiter.usage(); // connected
    vi.mocked(sleepUntil).mockClear();
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire(turn(undefined))));
    // Judged by what the store did and Redis's state, not by this process's clock (a busy machine makes
    // any call slow): none of the ten was told to wait for a slot, nothing was booked ahead, and no
    // booking was logged. Spaced at 10 a second, the next calls wait.
    expect(sleepUntil).not.toHaveBeenCalled();
    expect((await limiter.usage()).nextSlotInMs).toBe(0);
    expect(await bookings(limiter.key)).toEqual([]);
    await Promise.all(Array.from({ length: 3 }, () => limiter.acquire(turn(10))));
    expect(vi.mocked(sleepUntil).mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it("lets a call that woke late go when few calls are queued, pushing back only the booking a window after it", async () => {
    const limiter = store();
    const first = limiter.acquire(turn(10));
    const second = limiter.acquire(turn(10));
    await first;
    // Stall past the second slot (107.5 ms after the first) by 60 ms: it wakes 60 ms late, more than the
    // 5 ms a request may wake late and keep the bound it was booked with.
    stallUntil(performance.now() + 107.5 + 60);
    await second;
    const before = await bookings(limiter.key);
    expect(before).toHaveLength(2); // the late one kept its slot: nothing was booked again
    const late = before[1]!;
    expect(late.bound - late.slot).toBeGreaterThan(75_000); // its bound was raised past slot + margin
    // Ten more: the tenth of them is ten bookings after the late one.
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire(turn(10))));
    const slots = (await bookings(limiter.key)).slice(-10).map((booking) => booking.slot);
    // The tenth after it starts a second after the late call's bound: its window stays free...
    expect(slots[9]!).toBeGreaterThanOrEqual(late.bound + 1_000_000);
    // ...while the ones between kept the even schedule: the late call cost no throughput. (Without the
    // log, every slot after the late one would have moved; without the rule, the tenth would start
    // 1,075 ms after the late call's slot, inside its window.) The ninth is not checked: it follows the
    // bound of the first call, which a busy machine may have raised too.
    expect(gaps(slots.slice(0, 8))).toEqual(Array.from({ length: 7 }, () => 107_500));
  });

  it("when the booking a window after a late call is already made, makes it wait a second after the late call", async () => {
    const limiter = store();
    await limiter.acquire(turn(5));
    await new Promise((resolve) => setTimeout(resolve, 220));
    const started = performance.now();
    // Five calls a second (215 ms apart; a window holds five): the first at once, six queued behind it.
    const calls = Array.from({ length: 7 }, () => limiter.acquire(turn(5)).then(() => performance.now() - started));
    await calls[0];
    stallUntil(performance.now() + 215 + 60);
    const times = await Promise.all(calls.slice(1));
    // The log keeps the five latest bookings and any not yet let go: from the second call on.
    const [late, , , , , fifthAfter] = (await bookings(limiter.key)).slice(-6);
    // The second woke 60 ms late and went in its slot (nothing booked again), its bound raised...
    expect(fifthAfter!.slot - late!.slot).toBe(5 * 215_000);
    expect(late!.bound - late!.slot).toBeGreaterThan(75_000);
    // ...and the booking five places after it, made for 1,075 ms after that slot, waited until a second
    // after the late call's bound: it left later than its slot, by its own bound.
    expect(fifthAfter!.bound).toBeGreaterThanOrEqual(late!.bound + 1_000_000);
    // Seen from here: at least a second between them (the floor is a second after the late call's bound,
    // which is at least 70 ms after it went).
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(1_000);
  });
});

describe("a request on a new connection", () => {
  it("keeps the booking a window after it free for newConnectionSlackMs more, and no other", async () => {
    const limiter = store({ newConnectionSlackMs: 300 });
    // At 10 a second a window holds ten; the first of these is on a new connection.
    await limiter.acquire({ ...turn(10), newConnection: true });
    const [cold] = await bookings(limiter.key);
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire(turn(10))));
    // (The log keeps the last ten bookings: the cold one has left it by now.)
    const after = await bookings(limiter.key);
    // Its bound is its slot + the margin (75 ms) + 300 ms (or later, had it waited for a stale answer)...
    expect(cold!.bound - cold!.slot).toBeGreaterThanOrEqual(75_000 + 300_000);
    // ...so the tenth after it starts a second after that, while the nine between kept the even schedule.
    expect(after[9]!.slot).toBeGreaterThanOrEqual(cold!.bound + 1_000_000);
    expect(after[9]!.slot - cold!.slot).toBeGreaterThanOrEqual(1_375_000);
    for (const booking of after) expect(booking.bound - booking.slot).toBeLessThan(300_000);
  });
});

describe("holds after a 429", () => {
  it("holds every store sharing the key, and refuses a call that would wait longer than it accepts", async () => {
    const first = store();
    const second = twin(first);
    await Promise.all([first.usage(), second.usage()]); // both connected
    await first.hold(1_000);
    const started = performance.now();
    const refusal = await second.acquire(turn(10, 100)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitRefusal);
    expect(refusal).toMatchObject({ reason: "hold" });
    const { retryAfterMs } = refusal as RateLimitRefusal;
    expect(retryAfterMs).toBeGreaterThan(500);
    expect(retryAfterMs).toBeLessThanOrEqual(1_000);
    expect((refusal as Error).message).toMatch(/held for another \d+ m?s after a 429/);
    // A call that accepts the wait goes once the hold has passed.
    await second.acquire(turn(10, 2_000));
    expect(performance.now() - started).toBeGreaterThanOrEqual(retryAfterMs - 15);
  });

  it("never shortens a hold", async () => {
    const limiter = store();
    await limiter.hold(5_000);
    await limiter.hold(50);
    const usage = await limiter.usage();
    expect(usage.heldForMs).toBeGreaterThan(4_000);
  });

  it("moves calls already waiting for a slot behind a hold that starts after they were granted", async () => {
    const first = store();
    const second = twin(first);
    await first.acquire(turn(1)); // the next slot is 1,075 ms away
    const waiting = first.acquire(turn(1, 5_000)).then(() => performance.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const heldAt = performance.now();
    await second.hold(1_500); // as if the other process just got a 429 with Retry-After, covering that slot
    expect(await waiting).toBeGreaterThanOrEqual(heldAt + 1_500 - 15);
  });

  it("refuses a call already waiting when a hold longer than it accepts starts", async () => {
    const first = store();
    const second = twin(first);
    await first.acquire(turn(5));
    const waiting = first.acquire(turn(5, 1_000)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await second.hold(60_000);
    const refusal = await waiting;
    expect(refusal).toBeInstanceOf(RateLimitRefusal);
    expect((refusal as RateLimitRefusal).retryAfterMs).toBeGreaterThan(59_000);
  });

  it("waits through a hold longer than 2^31-1 ms without a timer overflow, and ends on abort", async () => {
    const limiter = store();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      await limiter.hold(30 * 86_400_000);
      const controller = new AbortController();
      const waiting = limiter
        .acquire(turn(3, Number.POSITIVE_INFINITY, controller.signal))
        .catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort(new Error("caller gave up"));
      expect(await waiting).toMatchObject({ message: "caller gave up" });
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.name === "TimeoutOverflowWarning")).toEqual([]);
  });
});

describe("the daily quota", () => {
  it("counts calls across stores and refuses the rest at once until the next UTC day, sending nothing", async () => {
    const first = store({ dailyQuota: 5 });
    const second = twin(first, { dailyQuota: 5 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? first : second).acquire(turn(undefined))),
    );
    const granted = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.flatMap((outcome) =>
      outcome.status === "rejected" ? [outcome.reason as RateLimitRefusal] : [],
    );
    expect(granted).toHaveLength(5);
    expect(refused).toHaveLength(3);
    const untilMidnight = 86_400_000 - (Date.now() % 86_400_000);
    for (const refusal of refused) {
      expect(refusal).toBeInstanceOf(RateLimitRefusal);
      expect(refusal.reason).toBe("daily-quota");
      expect(Math.abs(refusal.retryAfterMs - untilMidnight)).toBeLessThan(5_000);
      expect(refusal.message).toMatch(/daily quota of 5 calls .* is spent for this UTC day/);
    }
    expect(await first.usage()).toMatchObject({ callsToday: 5, dailyQuota: 5 });
  });

  it("gives back the count of a call abandoned while it waited", async () => {
    const limiter = store({ dailyQuota: 10 });
    await limiter.acquire(turn(2));
    const controller = new AbortController();
    const waiting = limiter.acquire(turn(2, 60_000, controller.signal)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await limiter.usage()).callsToday).toBe(2);
    controller.abort(new DOMException("stop", "AbortError"));
    expect(await waiting).toMatchObject({ name: "AbortError" });
    await expect.poll(async () => (await limiter.usage()).callsToday).toBe(1);
  });

  it("starts a new count on the next UTC day", async () => {
    const limiter = store({ dailyQuota: 1 });
    await limiter.acquire(turn(undefined));
    // Yesterday's state: the count of day N-1 is spent, today's is not.
    const yesterday = Math.floor(Date.now() / 86_400_000) - 1;
    await admin.hset(limiter.key, "day", String(yesterday), "count", "1");
    await limiter.acquire(turn(undefined));
    await expect(limiter.acquire(turn(undefined))).rejects.toMatchObject({ reason: "daily-quota" });
  });
});

describe("aborts", () => {
  it("rejects at once with the reason of a signal already aborted", async () => {
    const limiter = store();
    const reason = new Error("already");
    await expect(limiter.acquire(turn(3, 1_000, AbortSignal.abort(reason)))).rejects.toBe(reason);
  });
});

describe("state lost in Redis", () => {
  it("does not trust a slot granted before the state was lost: it books anew behind the new state's calls", async () => {
    const first = store();
    const second = twin(first);
    // Two calls a second: the stale slot is half a second away, so that the state is lost before it
    // comes even on a busy machine.
    await first.acquire(turn(2));
    const stale = first.acquire(turn(2)); // slot in 537.5 ms
    await new Promise((resolve) => setTimeout(resolve, 50));
    await admin.del(first.key); // as after a restart of a Redis without persistence
    await second.acquire(turn(2)); // at once: a new state
    await stale;
    // The new state holds the fresh call and the stale one booked again one interval behind it (or
    // later, had this process woken late).
    const [gap, ...more] = gaps((await bookings(first.key)).map((booking) => booking.slot));
    expect(more).toEqual([]);
    expect(gap).toBeGreaterThanOrEqual(537_500);
    expect(gap).toBeLessThan(1_075_000);
  });

  it("loads its scripts again when Redis has forgotten them (SCRIPT FLUSH)", async () => {
    const limiter = store();
    await limiter.acquire(turn(100));
    await admin.script("FLUSH");
    await expect(limiter.acquire(turn(100))).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe("errors", () => {
  it("fails at once with RedisStoreError when the key holds something else", async () => {
    const limiter = store();
    await admin.set(limiter.key, "not a hash");
    const error = await limiter.acquire(turn(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toBeInstanceOf(GongError);
    expect((error as RedisStoreError).message).toMatch(/refused the rate-limit script on key .*WRONGTYPE/);
  });

  it("after close(), ends the calls still waiting, gives their count back, and refuses new ones", async () => {
    const limiter = store();
    const other = twin(limiter, { dailyQuota: 10 });
    await limiter.acquire(turn(1));
    const waiting = limiter.acquire(turn(1)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await other.usage()).callsToday).toBe(2);
    await limiter.close();
    expect(await waiting).toBeInstanceOf(RedisStoreError);
    // Given back even though this store enforced no quota: another process on the key does.
    expect((await other.usage()).callsToday).toBe(1);
    await expect(limiter.acquire(turn(1))).rejects.toThrow(/was closed/);
    await limiter.close();
  });
});

describe("a client passed in", () => {
  it("is used as it is and left open by close()", async () => {
    const mine = new Redis(redis.url);
    try {
      const limiter = createRedisRateLimitStore({ redis: mine, key: `test:${process.pid}:mine` });
      expect(limiter.redisUrl).toBe(`redis://127.0.0.1:${redis.port}`);
      await limiter.acquire(turn(3));
      await limiter.close();
      expect(await mine.ping()).toBe("PONG");
    } finally {
      mine.disconnect();
    }
  });
});
