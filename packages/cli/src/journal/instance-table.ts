/**
 * Where a planned flow instance stands.
 *
 * - `pending`: not sent yet, or known to be still assigned and due to be sent (again).
 * - `unassigned`: Gong returned it as removed, or a listing shows it no longer assigned.
 * - `notUnassigned`: Gong answered and did not return it (Gong keeps that prospect assigned), or a
 *   final listing shows it still assigned. After a request that may have removed it unseen, only a
 *   listing puts it here.
 * - `unconfirmed`: a request carrying it may or may not have been applied (its answer was lost, or
 *   the process died while it was in flight), or a later answer left it out after such a request
 *   (which may have removed it since); listing its prospect settles it.
 */
export type InstanceOutcome = "pending" | "unassigned" | "notUnassigned" | "unconfirmed";

/** One planned flow instance, as read from the table (a copy: change it through the table). */
export interface PlannedInstance {
  readonly crmProspectId: string | undefined;
  readonly flowId: string | undefined;
  readonly status: string | undefined;
  readonly outcome: InstanceOutcome;
  /** The run in which the outcome was last set. */
  readonly run: number;
  /** True when a listing contradicted Gong's earlier response (it said removed; the list still has it). */
  readonly contradicted: boolean;
}

/**
 * What the job knows of an instance beyond its outcome, one bit each: a listing `contradicted` a response,
 * a request carrying it `maybeApplied` unseen (kept for good), a later response `leftOut` after such a
 * request. docs/design/settling-requests-in-flight.md says how each one decides the outcome.
 */
export type InstanceFlag = "contradicted" | "maybeApplied" | "leftOut";
const flagBits: Record<InstanceFlag, number> = { contradicted: 1, maybeApplied: 2, leftOut: 4 };

const outcomes: readonly InstanceOutcome[] = ["pending", "unassigned", "notUnassigned", "unconfirmed"];
const outcomeCodes = new Map(outcomes.map((outcome, code) => [outcome, code]));

/**
 * The planned flow instances of a job, column by column (an index by id, shared strings, small typed
 * columns): 100,000 prospects plan some 200,000 instances, and an object each would take half as much
 * memory again, which V8's heap growth multiplies.
 */
export class InstanceTable implements Iterable<[string, PlannedInstance]> {
  readonly #index = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #prospects: (string | undefined)[] = [];
  readonly #flowIds: (string | undefined)[] = [];
  readonly #statuses: (string | undefined)[] = [];
  #outcomes = new Uint8Array(1024);
  #runs = new Uint32Array(1024);
  #flags = new Uint8Array(1024);
  #pending = 0;

  get size(): number {
    return this.#ids.length;
  }

  /** Instances still to send. */
  get pending(): number {
    return this.#pending;
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  /** The row of an instance, or undefined when it is not planned. */
  indexOf(id: string): number | undefined {
    return this.#index.get(id);
  }

  /** Adds an instance and returns its row; an id already planned keeps its row and its state. */
  add(id: string, instance: Omit<PlannedInstance, "contradicted">): number {
    const known = this.#index.get(id);
    if (known !== undefined) return known;
    const row = this.#ids.length;
    if (row === this.#outcomes.length) this.#grow();
    this.#index.set(id, row);
    this.#ids.push(id);
    this.#prospects.push(instance.crmProspectId);
    this.#flowIds.push(instance.flowId);
    this.#statuses.push(instance.status);
    this.#outcomes[row] = outcomeCodes.get(instance.outcome)!;
    this.#runs[row] = instance.run;
    if (instance.outcome === "pending") this.#pending += 1;
    return row;
  }

  outcomeAt(row: number): InstanceOutcome {
    return outcomes[this.#outcomes[row]!]!;
  }

  runAt(row: number): number {
    return this.#runs[row]!;
  }

  idAt(row: number): string {
    return this.#ids[row]!;
  }

  prospectAt(row: number): string | undefined {
    return this.#prospects[row];
  }

  setOutcome(row: number, outcome: InstanceOutcome, run: number): void {
    if (this.outcomeAt(row) === "pending") this.#pending -= 1;
    if (outcome === "pending") this.#pending += 1;
    this.#outcomes[row] = outcomeCodes.get(outcome)!;
    this.#runs[row] = run;
  }

  hasFlag(row: number, flag: InstanceFlag): boolean {
    return (this.#flags[row]! & flagBits[flag]) !== 0;
  }

  setFlag(row: number, flag: InstanceFlag, on = true): void {
    this.#flags[row] = on ? this.#flags[row]! | flagBits[flag] : this.#flags[row]! & ~flagBits[flag];
  }

  get(id: string): PlannedInstance | undefined {
    const row = this.#index.get(id);
    return row === undefined ? undefined : this.at(row);
  }

  at(row: number): PlannedInstance {
    return {
      crmProspectId: this.#prospects[row],
      flowId: this.#flowIds[row],
      status: this.#statuses[row],
      outcome: this.outcomeAt(row),
      run: this.#runs[row]!,
      contradicted: this.hasFlag(row, "contradicted"),
    };
  }

  /** The ids, in the order they were planned. */
  keys(): IterableIterator<string> {
    return this.#ids.values();
  }

  *values(): Generator<PlannedInstance> {
    for (let row = 0; row < this.#ids.length; row++) yield this.at(row);
  }

  *entries(): Generator<[string, PlannedInstance]> {
    for (let row = 0; row < this.#ids.length; row++) yield [this.#ids[row]!, this.at(row)];
  }

  /** The rows, for a walk that reads and changes outcomes without making a copy per instance. */
  *rows(): Generator<number> {
    for (let row = 0; row < this.#ids.length; row++) yield row;
  }

  [Symbol.iterator](): Iterator<[string, PlannedInstance]> {
    return this.entries();
  }

  #grow(): void {
    const grow = <T extends Uint8Array | Uint32Array>(column: T, make: (length: number) => T): T => {
      const bigger = make(column.length * 2);
      bigger.set(column);
      return bigger;
    };
    this.#outcomes = grow(this.#outcomes, (n) => new Uint8Array(n));
    this.#runs = grow(this.#runs, (n) => new Uint32Array(n));
    this.#flags = grow(this.#flags, (n) => new Uint8Array(n));
  }
}
