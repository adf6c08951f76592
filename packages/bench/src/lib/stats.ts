/** Median, minimum and maximum of a set of samples: what every table of the benchmarks reports. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many samples (rounds) the figures come from. */
  n: number;
}

/** The median of `values` (the mean of the two middle values for an even count). Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median, min and max of `values`. Throws on an empty list. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error("summary of an empty list");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Every figure of a list of samples summarized over them: one arm's figures over its rounds. */
export function summarizeEach<S extends Record<string, number>>(samples: readonly S[]): { [K in keyof S]: Summary } {
  const keys = Object.keys(samples[0] ?? {}) as (keyof S & string)[];
  return Object.fromEntries(keys.map((key) => [key, summarize(samples.map((sample) => Number(sample[key])))])) as {
    [K in keyof S]: Summary;
  };
}

/** `op(a[i], b[i])` for each round `i`: a ratio or difference against the same round's reference. */
export function paired(a: readonly number[], b: readonly number[], op: (x: number, y: number) => number): Summary {
  return summarize(a.map((x, i) => op(x, b[i]!)));
}

/**
 * Rotates `items` by `round` places, so that across rounds every arm of a comparison runs first,
 * second and last equally often: on a shared machine, a slow patch of time then hurts no arm more than another.
 */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = ((round % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Runs `measure` once per item per round, the items in the order {@link rotate} gives each round, and
 * collects each item's results in round order; `undefined` is not recorded (an item that has run enough
 * rounds). `afterRound` is called with each finished round's index.
 */
export async function interleavedRounds<T, S>(
  items: readonly T[],
  rounds: number,
  measure: (item: T, round: number) => Promise<S | undefined>,
  afterRound?: (round: number) => void,
): Promise<Map<T, S[]>> {
  const samples = new Map<T, S[]>(items.map((item) => [item, []]));
  for (let round = 0; round < rounds; round++) {
    for (const item of rotate(items, round)) {
      const sample = await measure(item, round);
      if (sample !== undefined) samples.get(item)!.push(sample);
    }
    afterRound?.(round);
  }
  return samples;
}

/** Each arm's id, label, the rounds it ran and every figure of its samples summarized over them. */
export function summarizeArms<A extends { id: string; label: string }, S extends Record<string, number>>(
  arms: readonly A[],
  samples: ReadonlyMap<A, S[]>,
) {
  return arms.map((arm) => {
    const runs = samples.get(arm) ?? [];
    return { id: arm.id as A["id"], label: arm.label, rounds: runs.length, ...summarizeEach(runs) };
  });
}
