/**
 * Arrivals per consecutive one-second window from `startAt` (ms since the epoch, as the arrivals are),
 * up to the last arrival; arrivals before the start are left out.
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
