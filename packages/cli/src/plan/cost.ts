import { defaultOptions, gongLimits } from "@gong-flows/client";
import type { FlowFilter } from "./filter.js";

/** Gong's most flow-instance ids per unassign-by-instance-id request (the client's `gongLimits`). */
export const flowInstanceIdsPerRequest: number = gongLimits.unassignIdsPerRequest;

/** The client's default number of prospects per list request (a client policy, not a Gong limit). */
export const defaultListBatchSize: number = defaultOptions.listBatchSize;

/**
 * How a job takes prospects out of their flows.
 *
 * - `list-then-batch`: list the prospects' flows, `listBatchSize` prospects per call, then unassign
 *   the matching flow instances 200 per call.
 * - `by-crm-id`: one unassign-flows-by-crm-id call per prospect (per prospect and flow with
 *   `--flow`); no listing. Cheaper only for a handful of prospects, and impossible with `--status`,
 *   which that endpoint cannot express.
 */
export type Strategy = "list-then-batch" | "by-crm-id";

/** Calls of a list-then-batch job: `ceil(prospects / listBatchSize) + ceil(instances / 200)`. */
export function listThenBatchCalls(prospects: number, instances: number, listBatchSize: number): number {
  return Math.ceil(prospects / listBatchSize) + Math.ceil(instances / flowInstanceIdsPerRequest);
}

/** Calls of a by-crm-id job: one per prospect, or one per prospect and `--flow`. */
export function byCrmIdCalls(prospects: number, filter: FlowFilter): number {
  return prospects * Math.max(1, filter.flowIds.length);
}

/** What {@link chooseStrategy} decided and why. */
export interface StrategyChoice {
  /** The strategy chosen. */
  readonly strategy: Strategy;
  /** One sentence for the plan's printout. */
  readonly reason: string;
}

/**
 * The planner's cost model. Before listing, the number of flow instances is unknown, so
 * list-then-batch is costed at its least for a job with anything to remove —
 * `ceil(prospects / listBatchSize) + 1` — and by-crm-id is chosen only when it is cheaper even then:
 * it is never a gamble that costs more calls. With `--status` it is not possible at all.
 * `requested` (from `--strategy`) overrides the choice, except that by-crm-id still cannot filter by
 * status.
 */
export function chooseStrategy(input: {
  prospects: number;
  filter: FlowFilter;
  listBatchSize: number;
  requested?: Strategy | "auto" | undefined;
}): StrategyChoice | { error: string } {
  const { prospects, filter, listBatchSize } = input;
  const requested = input.requested ?? "auto";
  const byCrm = byCrmIdCalls(prospects, filter);
  const listLeast = listThenBatchCalls(prospects, 1, listBatchSize);
  if (filter.statuses.length > 0) {
    if (requested === "by-crm-id")
      return { error: "--strategy by-crm-id cannot filter by --status: Gong's unassign-by-crm-id call has no status" };
    return { strategy: "list-then-batch", reason: "--status needs each instance's status, which only listing gives" };
  }
  if (requested === "by-crm-id")
    return { strategy: "by-crm-id", reason: `--strategy by-crm-id: ${byCrm} unassign-by-crm-id call(s)` };
  if (requested === "list-then-batch") return { strategy: "list-then-batch", reason: "--strategy list-then-batch" };
  if (byCrm < listLeast) {
    return {
      strategy: "by-crm-id",
      reason: `${byCrm} unassign-by-crm-id call(s) beat listing and batching, which takes at least ${listLeast}`,
    };
  }
  return {
    strategy: "list-then-batch",
    reason: `listing ${prospects} prospect(s) takes ${Math.ceil(prospects / listBatchSize)} call(s) and each ${flowInstanceIdsPerRequest} instances one more, against ${byCrm} unassign-by-crm-id call(s)`,
  };
}
