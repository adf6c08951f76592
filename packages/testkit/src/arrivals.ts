/**
 * How the rate-limit tests and the benchmark judge a run by the times requests arrived at a server:
 * the busiest one-second window, and the rate achieved.
 */

/**
 * The most arrivals inside any window of `windowMs` (half-open, [t, t + windowMs)), the window slid
 * over every arrival: what a server counting "requests in the last second" could have seen at worst.
 */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Arrivals per second from the first to the last: (n − 1) intervals over the time they span; 0 below two. */
export function achievedRate(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  const span = sorted.at(-1)! - sorted[0]!;
  return span > 0 ? ((sorted.length - 1) * 1000) / span : Number.POSITIVE_INFINITY;
}
