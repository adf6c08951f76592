import type { MockOperationName } from "./routes.js";

/** A call a `hold` fault keeps waiting: received and counted, not yet acted on or answered. */
export interface HeldCall {
  /** The fault's `hold` name. */
  readonly hold: string;
  /** The operation called. */
  readonly operation: MockOperationName;
  /** When it arrived (ISO 8601, the mock's clock). */
  readonly since: string;
}

interface Ticket {
  readonly call: HeldCall;
  /** Lets the call go on (true) or drops it (false: the mock was reset). */
  readonly settle: (goOn: boolean) => void;
  /** Resolves once the call, let go, has been answered. */
  readonly handled: Promise<void>;
}

/** What a held call learns when its wait ends, and what it reports back once answered. */
export interface HeldTicket {
  /** True when released, false when dropped (by a reset): then it must not act. */
  readonly released: Promise<boolean>;
  /** Called once the call has been answered (or failed): {@link HeldCalls.release} waits for it. */
  done(): void;
}

/** The calls held by `hold` faults, in arrival order. */
export class HeldCalls {
  #tickets: Ticket[] = [];

  /** Holds a call until it is released or dropped. */
  hold(call: HeldCall): HeldTicket {
    let settle!: (goOn: boolean) => void;
    let done!: () => void;
    const released = new Promise<boolean>((resolve) => (settle = resolve));
    const handled = new Promise<void>((resolve) => (done = resolve));
    this.#tickets.push({ call: { ...call }, settle, handled });
    return { released, done };
  }

  /** The calls waiting now (copies). */
  list(): HeldCall[] {
    return this.#tickets.map(({ call }) => ({ ...call }));
  }

  /**
   * Lets the calls held under `hold` (every held call, without it) go on, and resolves with how many
   * once each has been acted on and answered.
   */
  async release(hold?: string): Promise<number> {
    const chosen = this.#take(hold);
    for (const ticket of chosen) ticket.settle(true);
    await Promise.all(chosen.map((ticket) => ticket.handled));
    return chosen.length;
  }

  /** Ends every wait without letting the calls act (a reset). */
  drop(): void {
    for (const ticket of this.#take(undefined)) ticket.settle(false);
  }

  #take(hold: string | undefined): Ticket[] {
    const chosen = this.#tickets.filter((ticket) => hold === undefined || ticket.call.hold === hold);
    this.#tickets = this.#tickets.filter((ticket) => !chosen.includes(ticket));
    return chosen;
  }
}
