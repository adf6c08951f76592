/**
 * Runs `work` over the items with at most `concurrency` at once, taking the next item only while
 * `keepGoing()` holds: once it turns false (the job is stopping) no new item starts, and the ones
 * already running are awaited. The client's rate limiter spaces the requests' starts; the pool only
 * lets slow responses overlap, so that the limit, not the round trip, sets the pace.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  keepGoing: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    while (keepGoing()) {
      const next = iterator.next();
      if (next.done) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** Splits a list into consecutive chunks of at most `size` items. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

/** The items of `values` that `keep` accepts, in chunks of at most `size`, made as they are taken. */
export function* chunksOf<T>(
  values: Iterable<T>,
  size: number,
  keep: (value: T) => boolean = () => true,
): Generator<T[]> {
  let current: T[] = [];
  for (const value of values) {
    if (!keep(value)) continue;
    current.push(value);
    if (current.length === size) {
      yield current;
      current = [];
    }
  }
  if (current.length > 0) yield current;
}
