import type { VerifyMode } from "../report/report.js";
import type { SettleActions } from "./job-actions.js";

/** Rounds of "list the unconfirmed, send again what is still assigned" a run makes at most. */
const settleRounds = 3;

/** What {@link sendAndSettle} needs of the run. */
export interface SettleContext {
  readonly actions: SettleActions;
  /** When the latest write that got no response left (see `JournalReplay.unansweredLeftAt`). */
  readonly state: { readonly unansweredLeftAt: number | undefined };
  readonly verify: VerifyMode;
  readonly keepGoing: () => boolean;
  /** How long Gong may still be working on a request that got no response: the client's per-attempt timeout. */
  readonly graceMs: number;
  readonly now: () => number;
  /** Waits `ms`, or less once `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborted when the job stops. */
  readonly stopping: AbortSignal;
  /** Called as a wait for requests Gong may still be working on starts, with its end (epoch ms). */
  readonly onWait: (until: number | undefined) => void;
}

/**
 * Acts: settles what an earlier run left unknown (never re-sending blindly) and sends the rest; then,
 * unless `--verify none`, settles this run's unknown outcomes by listing and sends again what a listing
 * showed still to do, a few rounds at most. The last listing is final.
 */
export async function sendAndSettle(ctx: SettleContext): Promise<void> {
  const { actions, keepGoing, verify } = ctx;
  for (let round = 0; keepGoing(); round++) {
    const last = round === settleRounds;
    if (actions.unsettled().length > 0 && (round === 0 || verify !== "none")) {
      await untilSettleable(ctx);
      const unsettled = actions.unsettled();
      if (keepGoing() && unsettled.length > 0) await actions.check(last ? "verify" : "settle", unsettled, last);
    }
    if (last || !keepGoing()) break;
    await actions.send();
    if (verify === "none" || actions.unsettled().length === 0) break;
  }
}

/**
 * A request that got no response (the process died with it on the wire, say) may still be in progress
 * at Gong until the client's timeout after it left. What it carried is listed only then, so that a
 * listing does not find an id still assigned that the request is about to remove, and send it twice.
 * The wait overlaps work: what was never sent goes first.
 */
async function untilSettleable(ctx: SettleContext): Promise<void> {
  const until = () => (ctx.state.unansweredLeftAt ?? Number.NEGATIVE_INFINITY) + ctx.graceMs;
  if (until() <= ctx.now()) return;
  await ctx.actions.send();
  const end = until();
  if (end <= ctx.now() || !ctx.keepGoing()) return;
  ctx.onWait(end);
  try {
    await ctx.sleep(end - ctx.now(), ctx.stopping);
  } finally {
    ctx.onWait(undefined);
  }
}

/** Waits `ms` on a timer, or less once `signal` aborts. */
export function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
