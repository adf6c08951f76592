import { describe, expect, it } from "vitest";
import { JobState } from "../src/journal/job-state.js";
import type { JournalRecord } from "../src/journal/records.js";
import { noFilter } from "../src/plan/filter.js";
import { DailyBudget } from "../src/run/daily-budget.js";

function stateWithCalls(times: string[]): JobState {
  const state = new JobState({
    filter: noFilter,
    strategy: "list-then-batch",
    mode: "flow-instances",
    entries: [{ id: "f1" }],
  });
  state.apply({ type: "request", seq: 1, kind: "unassign-by-instance-id", ids: ["f1"] } satisfies JournalRecord);
  for (const at of times) state.apply({ type: "attempt", seq: 1, at });
  return state;
}

describe("daily budget", () => {
  const day = "2026-03-04";
  const noon = Date.parse(`${day}T12:00:00Z`);

  it("counts the calls of the current UTC day only", () => {
    const budget = new DailyBudget(
      10,
      stateWithCalls([`${day}T01:00:00Z`, `${day}T23:59:59Z`, "2026-03-03T23:00:00Z"]),
      () => noon,
    );
    expect(budget.usedToday()).toBe(2);
    expect(budget.available()).toBe(8);
  });

  it("gives a request only the retries the budget has room for, counting what requests in flight hold", () => {
    const state = stateWithCalls([`${day}T01:00:00Z`, `${day}T02:00:00Z`]);
    const budget = new DailyBudget(8, state, () => noon);
    const first = budget.tryReserve(3)!;
    expect(first.retries).toBe(3); // 4 held, 2 left
    const second = budget.tryReserve(3)!;
    expect(second.retries).toBe(1); // 2 held, 0 left
    expect(budget.tryReserve(3)).toBeUndefined();
    // The first request's first attempt leaves (the journal counts it); its three retries were not needed.
    state.apply({ type: "attempt", seq: 1, at: `${day}T12:00:00Z` });
    first.attemptLeft();
    first.release();
    expect(budget.available()).toBe(3);
    second.release();
    expect(budget.available()).toBe(5);
  });

  it("waits for a request in flight to hand back what it did not use, and gives up when nothing is held", async () => {
    const state = stateWithCalls([]);
    const budget = new DailyBudget(2, state, () => noon);
    const first = budget.tryReserve(3)!;
    expect(first.retries).toBe(1);
    const second = budget.reserve(3);
    state.apply({ type: "attempt", seq: 1, at: `${day}T12:00:00Z` });
    first.attemptLeft();
    first.release();
    const granted = await second;
    expect(granted?.retries).toBe(0);
    state.apply({ type: "attempt", seq: 1, at: `${day}T12:00:01Z` });
    granted!.attemptLeft();
    granted!.release();
    await expect(budget.reserve(3)).resolves.toBeUndefined();
  });

  it("stops waiting when the job stops", async () => {
    const budget = new DailyBudget(1, stateWithCalls([]), () => noon);
    const held = budget.tryReserve(0)!;
    const stopping = new AbortController();
    const waiting = budget.reserve(0, stopping.signal);
    stopping.abort();
    await expect(waiting).resolves.toBeUndefined();
    held.release();
  });

  it("starts afresh on the next UTC day", () => {
    let now = noon;
    const budget = new DailyBudget(2, stateWithCalls([`${day}T01:00:00Z`, `${day}T02:00:00Z`]), () => now);
    expect(budget.tryReserve(0)).toBeUndefined();
    now = Date.parse("2026-03-05T00:00:00Z");
    expect(budget.tryReserve(5)?.retries).toBe(1);
  });
});
