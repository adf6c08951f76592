/**
 * Arrivals per consecutive one-second window from `startAt` (ms since the epoch, as the arrivals are):
 * `[in [start, start+1s), in [start+1s, start+2s), …]`, up to the last arrival. What the shared-limit
 * chart draws; the busiest sliding window (`maxInWindow`) stays the figure the tables judge by.
 */
export function arrivalsPerWindow(arrivals: readonly number[], startAt: number, windowMs = 1000): number[] {
  const counts: number[] = [];
  for (const at of arrivals) {
    const index = Math.floor((at - startAt) / windowMs);
    if (index < 0) continue;
    while (counts.length <= index) counts.push(0);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}
