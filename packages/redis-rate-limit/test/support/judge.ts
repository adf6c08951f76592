import { maxInWindow } from "@gong-flows/testkit";

/** One request of a run: when the store let it go (in its worker) and when the server saw it arrive. */
export interface Delivery {
  /** Epoch ms, taken in the worker as `acquire` resolved. */
  readonly goneAt: number;
  /** Epoch ms, taken by the recording server. */
  readonly at: number;
}

/** What {@link judgeWindows} found. */
export interface WindowVerdict {
  /** The busiest one-second window of the moments the store let requests go. */
  readonly maxAtStore: number;
  /** The busiest one-second window of the arrivals at the server. */
  readonly maxAtServer: number;
  /**
   * Windows at the server over the limit with no request in them that took longer than the budget
   * from "go" to arrival: windows the store's grants alone made too busy. Must be empty.
   */
  readonly unexplained: readonly { from: number; count: number }[];
  /** Windows over the limit that hold a request the machine delivered later than the budget. */
  readonly explainedByDelay: number;
}

/**
 * Judges a run's one-second windows against `limit`, at both ends of the way a request travels.
 *
 * The store's promise is exact at its end: no window of "go" moments holds more than the limit. At
 * the server it holds as long as every request arrives within `budgetMs` of its "go" — the part of the
 * departure slack the store keeps for that way (70 ms of the default 75). On a 2-core machine shared
 * with other work, a process (the worker, or the recording server stamping arrivals) can be
 * descheduled for longer; a window made too busy only by such a delay is counted in
 * `explainedByDelay`, and any other window over the limit is `unexplained` — the store's fault.
 */
export function judgeWindows(
  deliveries: readonly Delivery[],
  limit: number,
  budgetMs: number,
  windowMs = 1000,
): WindowVerdict {
  const byArrival = [...deliveries].sort((a, b) => a.at - b.at);
  const unexplained: { from: number; count: number }[] = [];
  let explainedByDelay = 0;
  let last = 0;
  for (let first = 0; first < byArrival.length; first++) {
    if (last < first) last = first;
    while (last + 1 < byArrival.length && byArrival[last + 1]!.at - byArrival[first]!.at < windowMs) last += 1;
    const inWindow = byArrival.slice(first, last + 1);
    if (inWindow.length <= limit) continue;
    if (inWindow.some((delivery) => delivery.at - delivery.goneAt > budgetMs)) explainedByDelay += 1;
    else unexplained.push({ from: byArrival[first]!.at, count: inWindow.length });
  }
  return {
    maxAtStore: maxInWindow(
      deliveries.map((delivery) => delivery.goneAt),
      windowMs,
    ),
    maxAtServer: maxInWindow(
      deliveries.map((delivery) => delivery.at),
      windowMs,
    ),
    unexplained,
    explainedByDelay,
  };
}
