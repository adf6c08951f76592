import { gongLimits } from "@gong-flows/client";
import type { AssignState } from "../journal/assign-state.js";
import type { AssignSender } from "./assign-sender.js";
import { type ActionsContext, listInBatches, type SettleActions } from "./job-actions.js";
import { chunksOf, runPool } from "./pool.js";

/** Prospects per assign request: Gong's cap (the client's one home of it). */
export const assignProspectsPerRequest: number = gongLimits.assignProspectsPerRequest;

/** What the assign job's actions work on. */
export interface AssignActionsContext extends ActionsContext {
  readonly state: AssignState;
  readonly sender: AssignSender;
}

/** The requests the assign job makes, each phase's worth at a time (`send` assigns what is still to send). */
export function createAssignActions(ctx: AssignActionsContext): SettleActions {
  const { state, sender } = ctx;
  const due = (prospect: string) =>
    state.assignments.get(prospect)?.outcome === "pending" && !ctx.refusedThisRun.has(prospect);
  return {
    listProspects: (phase, kind, prospects, final = false) =>
      listInBatches(ctx, (ids) => sender.list(kind, ids, final), phase, prospects),

    async send() {
      const total = state.prospects.length;
      ctx.progress("assign", state.settledProspects, total);
      // Batches are made as they are taken (a prospect's outcome is looked at then), not listed up front.
      await runPool(
        chunksOf(state.prospects, assignProspectsPerRequest, due),
        ctx.concurrency,
        ctx.keepGoing,
        async (batch) => {
          let outcome = await sender.assign(batch);
          for (let tries = 1; ctx.sendAgain(outcome, tries); tries++) outcome = await sender.assign(batch);
          ctx.settleOutcome(outcome, batch);
          ctx.progress("assign", state.settledProspects, total);
        },
      );
    },

    check: (phase, ids, final) => listInBatches(ctx, (batch) => sender.list("check-list", batch, final), phase, ids),

    unsettled() {
      const prospects: string[] = [];
      for (const [prospect, assignment] of state.assignments)
        if (assignment.outcome === "unconfirmed") prospects.push(prospect);
      return prospects;
    },
  };
}
