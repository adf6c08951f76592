import { describe, expect, it } from "vitest";
import { JobState } from "../src/journal/job-state.js";
import type { JournalRecord } from "../src/journal/records.js";
import { noFilter } from "../src/plan/filter.js";
import { DailyBudget } from "../src/run/daily-budget.js";

function stateWithCalls(times: string[]): JobState {
  const state = new JobState({ filter: noFilter, strategy: "list-then-batch", mode: "flow-instances", entries: [{ id: "f1" }] });
  state.apply({ type: "request", seq: 1, kind: "unassign-by-instance-id", ids: ["f1"] } satisfies JournalRecord);
  for (const at of times) state.apply({ type: "attempt", seq: 1, at });
  return state;
}

describe("daily budget", () => {
  const day = "2026-03-04";
  const noon = Date.parse(`${day}T12:00:00Z`);

  it("counts the calls of the current UTC day only", () => {
    const budget = new DailyBudget(10, stateWithCalls([`${day}T01:00:00Z`, `${day}T23:59:59Z`, "2026-03-03T23:00:00Z"]), () => noon);
    expect(budget.usedToday()).toBe(2);
    expect(budget.available()).toBe(8);
  });

  it("gives a request only the retries the budget has room for, counting what requests in flight hold", () => {
    const state = stateWithCalls([`${day}T01:00:00Z`, `${day}T02:00:00Z`]);
    const budget = new DailyBudget(8, state, () => noon);
    const first = budget.reserve(3)!;
    expect(first.retries).toBe(3); // 4 held, 2 left
    const second = budget.reserve(3)!;
    expect(second.retries).toBe(1); // 2 held, 0 left
    expect(budget.reserve(3)).toBeUndefined();
    // The first request's first attempt leaves (the journal counts it); its three retries were not needed.
    state.apply({ type: "attempt", seq: 1, at: `${day}T12:00:00Z` });
    first.attemptLeft();
    first.release();
    expect(budget.available()).toBe(3);
    second.release();
    expect(budget.available()).toBe(5);
  });

  it("starts afresh on the next UTC day", () => {
    let now = noon;
    const budget = new DailyBudget(2, stateWithCalls([`${day}T01:00:00Z`, `${day}T02:00:00Z`]), () => now);
    expect(budget.reserve(0)).toBeUndefined();
    now = Date.parse("2026-03-05T00:00:00Z");
    expect(budget.reserve(5)?.retries).toBe(1);
  });
});
