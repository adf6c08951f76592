/** A set of prospects kept as one bit of {@link ProspectIndex}. */
export interface ProspectFlagView {
  has(prospect: string): boolean;
  add(prospect: string): void;
  readonly size: number;
}

/**
 * Every prospect a job knows — the input's, and any other a listing names — with its flags, in one
 * map that also gives each its one string: `(index << 2) | flags`, the index into the input's
 * prospects or, past its end, into the prospects only Gong named.
 */
export class ProspectIndex {
  readonly #input: readonly string[];
  readonly #entries = new Map<string, number>();
  readonly #others: string[] = [];

  constructor(input: readonly string[]) {
    this.#input = input;
    for (const [index, prospect] of input.entries()) this.#entries.set(prospect, index << 2);
  }

  /** The job's one string for a prospect id, registering one only Gong named. */
  canonical(value: string | null): string | undefined {
    if (value === null) return undefined;
    const known = this.#entries.get(value);
    if (known !== undefined) return this.#at(known >> 2);
    this.#entries.set(value, (this.#input.length + this.#others.length) << 2);
    this.#others.push(value);
    return value;
  }

  /** True when the input names this prospect (not only Gong). */
  isInput(value: string | null): boolean {
    if (value === null) return false;
    const known = this.#entries.get(value);
    return known !== undefined && known >> 2 < this.#input.length;
  }

  /** The prospects with `flag` (1 or 2) set, as a set. */
  flagView(flag: 1 | 2): ProspectFlagView {
    let size = 0;
    return {
      has: (prospect) => ((this.#entries.get(prospect) ?? 0) & flag) !== 0,
      add: (prospect) => {
        const canonical = this.canonical(prospect)!;
        const value = this.#entries.get(canonical)!;
        if ((value & flag) === 0) {
          this.#entries.set(canonical, value | flag);
          size += 1;
        }
      },
      get size() {
        return size;
      },
    };
  }

  #at(index: number): string {
    return index < this.#input.length ? this.#input[index]! : this.#others[index - this.#input.length]!;
  }
}
