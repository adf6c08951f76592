import type { GongAttemptEvent, GongAttemptSendingEvent } from "@gong-flows/client";
import { describe, expect, it } from "vitest";
import { type AttemptTrace, failureOf, hadAmbiguousEarlierAttempt, watchAttempts } from "../src/run/attempts.js";

const base = {
  operation: "unassignFlowsByFlowInstanceIds",
  method: "POST",
  path: "/p",
  attempt: 1,
  ids: ["f1"],
} as const;

/** A `sending` event, and whether the hook held it back. */
function sending(): { event: GongAttemptSendingEvent; held: () => boolean } {
  let held = false;
  const hold = () => {
    held = true;
  };
  return { event: { ...base, type: "sending", hold }, held: () => held };
}
const settled = (status: number | undefined, mayHaveActed: boolean): GongAttemptEvent => ({
  ...base,
  type: "settled",
  sent: true,
  status,
  mayHaveActed,
});

describe("watchAttempts", () => {
  it("records an attempt before it leaves, then keeps the client's verdict on it", () => {
    const attempts: AttemptTrace[] = [];
    const left: number[] = [];
    const watch = watchAttempts({ attempts, mayLeave: () => true, left: () => void left.push(attempts.length) });
    const first = sending();
    watch.onAttempt(first.event);
    expect(first.held()).toBe(false);
    expect(left).toEqual([0]);
    expect(attempts).toEqual([{ status: undefined, mayHaveActed: true }]);
    watch.onAttempt(settled(429, false));
    expect(attempts).toEqual([{ status: 429, mayHaveActed: false }]);
  });

  it("holds an attempt back once the job is stopping, and records nothing", () => {
    const attempts: AttemptTrace[] = [];
    let left = 0;
    const watch = watchAttempts({ attempts, mayLeave: () => false, left: () => void left++ });
    const attempt = sending();
    watch.onAttempt(attempt.event);
    expect(attempt.held()).toBe(true);
    expect(left).toBe(0);
    expect(attempts).toEqual([]);
    expect(watch.failure()).toBeUndefined();
  });

  it("holds back an attempt the journal cannot record, and keeps that error as the call's", () => {
    const attempts: AttemptTrace[] = [];
    const full = new Error("ENOSPC");
    const watch = watchAttempts({
      attempts,
      mayLeave: () => true,
      left: () => {
        throw full;
      },
    });
    const attempt = sending();
    watch.onAttempt(attempt.event);
    expect(attempt.held()).toBe(true);
    expect(attempts).toEqual([]);
    expect(watch.failure()).toEqual({ error: full });
  });
});

describe("failureOf", () => {
  it("says not applied when no attempt may have acted, maybe otherwise, and noResponse when the last got none", () => {
    expect(failureOf([])).toEqual({ applied: "no" });
    expect(
      failureOf([
        { status: 429, mayHaveActed: false },
        { status: undefined, mayHaveActed: false },
      ]),
    ).toEqual({ applied: "no" });
    expect(failureOf([{ status: 503, mayHaveActed: true }])).toEqual({ applied: "maybe" });
    expect(
      failureOf([
        { status: 503, mayHaveActed: true },
        { status: undefined, mayHaveActed: true },
      ]),
    ).toEqual({ applied: "maybe", noResponse: true });
    expect(
      hadAmbiguousEarlierAttempt([
        { status: 503, mayHaveActed: true },
        { status: 200, mayHaveActed: true },
      ]),
    ).toBe(true);
    expect(
      hadAmbiguousEarlierAttempt([
        { status: 429, mayHaveActed: false },
        { status: 200, mayHaveActed: true },
      ]),
    ).toBe(false);
  });
});
