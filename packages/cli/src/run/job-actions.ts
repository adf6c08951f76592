import type { JobState } from "../journal/job-state.js";
import { flowInstanceIdsPerRequest } from "../plan/cost.js";
import { chunk, chunksOf, runPool } from "./pool.js";
import type { SendOutcome, Sender } from "./sender.js";

/** The job's phases, as progress reports them. */
export type JobPhase = "plan" | "settle" | "unassign" | "assign" | "verify";

/** What every job's actions share with the run that makes them. */
export interface ActionsContext {
  readonly listBatchSize: number;
  readonly concurrency: number;
  /** False once the job is stopping: no new request starts. */
  readonly keepGoing: () => boolean;
  readonly progress: (phase: JobPhase, done: number, total: number) => void;
  /** Records what a request's outcome means for the job as a whole (a stop, a refusal). */
  readonly settleOutcome: (outcome: SendOutcome, ids: readonly string[]) => void;
  /** Whether to send a request again after this outcome (a 429 Gong returned before acting). */
  readonly sendAgain: (outcome: SendOutcome, tries: number) => boolean;
  /** Ids Gong refused before acting in this run: not sent again in it. */
  readonly refusedThisRun: ReadonlySet<string>;
}

/** What the unassign job's actions work on. */
export interface JobActionsContext extends ActionsContext {
  readonly state: JobState;
  readonly sender: Sender;
}

/** What settling needs of a job's actions (see `sendAndSettle`). */
export interface SettleActions {
  /**
   * Lists prospects (to plan, or to verify every one), `listBatchSize` per call. `final`: no request
   * follows in this run, so what a listing leaves undone after an unknown outcome is reported as not done.
   */
  listProspects(
    phase: JobPhase,
    kind: "plan-list" | "check-list",
    prospects: readonly string[],
    final?: boolean,
  ): Promise<void>;
  /** Sends what is still to send. */
  send(): Promise<void>;
  /** The ids (prospects, or flow instances) whose outcome is unknown and a listing can settle. */
  unsettled(): string[];
  /** Lists `ids` of {@link SettleActions.unsettled} to settle them (`final`: as `listProspects`'s). */
  check(phase: JobPhase, ids: readonly string[], final: boolean): Promise<void>;
}

/**
 * Lists `prospects` in batches of `listBatchSize` through `list`, under the pool and the outcome rules
 * of the run, reporting progress per response.
 */
export async function listInBatches(
  ctx: ActionsContext,
  list: (ids: string[]) => Promise<SendOutcome>,
  phase: JobPhase,
  prospects: readonly string[],
): Promise<void> {
  let done = 0;
  ctx.progress(phase, 0, prospects.length);
  await runPool(chunk(prospects, ctx.listBatchSize), ctx.concurrency, ctx.keepGoing, async (ids) => {
    ctx.settleOutcome(await list(ids), []);
    done += ids.length;
    ctx.progress(phase, done, prospects.length);
  });
}

/** The requests the unassign job makes, each phase's worth at a time (`send` unassigns what is still to remove). */
export type JobActions = SettleActions;

export function createJobActions(ctx: JobActionsContext): JobActions {
  const { state, sender, keepGoing, progress } = ctx;

  const unassignByCrmId = async () => {
    const targets = [...state.targets.values()].filter(
      (t) => t.outcome === "pending" && !ctx.refusedThisRun.has(t.crmProspectId),
    );
    let done = 0;
    progress("unassign", 0, targets.length);
    await runPool(targets, ctx.concurrency, keepGoing, async (target) => {
      let outcome = await sender.unassignByCrmProspectId(target.crmProspectId, target.flowId);
      for (let tries = 1; ctx.sendAgain(outcome, tries); tries++)
        outcome = await sender.unassignByCrmProspectId(target.crmProspectId, target.flowId);
      ctx.settleOutcome(outcome, [target.crmProspectId]);
      done += 1;
      progress("unassign", done, targets.length);
    });
  };

  const unassignByInstanceIds = async () => {
    // Gong kept it assigned in an earlier run: one more try per run. The batches are made as they are
    // taken (an instance's outcome is looked at then), not listed up front.
    const due = (id: string) => {
      const row = state.instances.indexOf(id)!;
      const outcome = state.instances.outcomeAt(row);
      return (
        !ctx.refusedThisRun.has(id) &&
        (outcome === "pending" || (outcome === "notUnassigned" && state.instances.runAt(row) < state.run))
      );
    };
    progress("unassign", state.settledInstances, state.instances.size);
    await runPool(
      chunksOf(state.instances.keys(), flowInstanceIdsPerRequest, due),
      ctx.concurrency,
      keepGoing,
      async (batch) => {
        let outcome = await sender.unassignByInstanceIds(batch);
        for (let tries = 1; ctx.sendAgain(outcome, tries); tries++) outcome = await sender.unassignByInstanceIds(batch);
        ctx.settleOutcome(outcome, batch);
        progress("unassign", state.settledInstances, state.instances.size);
      },
    );
  };

  return {
    listProspects: (phase, kind, prospects, final = false) =>
      listInBatches(ctx, (ids) => sender.list(kind, ids, final), phase, prospects),

    check: (phase, ids, final) =>
      state.mode === "flow-instances"
        ? listInBatches(ctx, (batch) => sender.listInstances(batch, final), phase, ids)
        : listInBatches(ctx, (batch) => sender.list("check-list", batch, final), phase, ids),

    send: () =>
      state.strategy === "by-crm-id" && state.mode === "prospects" ? unassignByCrmId() : unassignByInstanceIds(),

    unsettled() {
      // A flow-instance file is settled by listing the instances themselves, prospect or not.
      if (state.mode === "flow-instances") return unconfirmedInstances(state);
      const prospects = new Set<string>();
      for (const instance of state.instances.values()) {
        if (instance.outcome === "unconfirmed" && instance.crmProspectId !== undefined)
          prospects.add(instance.crmProspectId);
      }
      for (const target of state.targets.values())
        if (target.outcome === "unconfirmed") prospects.add(target.crmProspectId);
      return [...prospects];
    },
  };
}

/** The planned instances whose outcome is unknown. */
function unconfirmedInstances(state: JobState): string[] {
  const ids: string[] = [];
  for (const row of state.instances.rows())
    if (state.instances.outcomeAt(row) === "unconfirmed") ids.push(state.instances.idAt(row));
  return ids;
}
