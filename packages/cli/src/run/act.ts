import type { SettleActions } from "./job-actions.js";
import type { JobRun } from "./job-run.js";
import type { JobSettings } from "./job-settings.js";
import { sendAndSettle } from "./settle.js";

/** What acting needs beyond the phase context. */
export interface ActOptions<Plan> {
  /** Asked before anything is sent when there is something to send; false declines the job. */
  readonly confirm: ((plan: Plan) => Promise<boolean>) | undefined;
  /** How long Gong may still work on a request that got no response: the client's timeout. */
  readonly graceMs: number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What acting works on, whatever the job: its actions, its state's unanswered writes, the run. */
export interface ActContext {
  readonly actions: SettleActions;
  readonly state: { readonly unansweredLeftAt: number | undefined };
  readonly run: Pick<JobRun, "stop" | "progress">;
  readonly settings: JobSettings;
}

/** Acts: asks for confirmation when there is something to send, then sends, settling unknown outcomes by listing. */
export async function act<Plan extends { readonly toSend: number }>(
  ctx: ActContext,
  plan: Plan,
  options: ActOptions<Plan>,
): Promise<void> {
  const { actions, run } = ctx;
  if (options.confirm !== undefined && plan.toSend > 0 && !(await options.confirm(plan)))
    run.stop.stopWith({ kind: "declined" });
  const onWait = (until: number | undefined) => {
    run.progress.waitUntil(until);
    if (until !== undefined) run.progress.report("settle", 0, actions.unsettled().length);
  };
  await sendAndSettle({
    actions,
    state: ctx.state,
    verify: ctx.settings.verify,
    keepGoing: run.stop.keepGoing,
    graceMs: options.graceMs,
    now: ctx.settings.now,
    sleep: options.sleep,
    stopping: run.stop.stopping,
    onWait,
  });
}
