import { ProspectMatcher } from "../plan/prospect-match.js";
import {
  applyAssignResponse,
  instancesInFlow,
  markAssignMaybeApplied,
  pendingAssignment,
  settleByCheckListing,
  settleByPlanListing,
  type ProspectAssignment,
} from "./assign-outcomes.js";
import { countDay } from "./call-counts.js";
import { isListRequest, JournalReplay } from "./journal-replay.js";
import type { CompactFlow, OkResponseRecord, RequestKind, RequestRecord } from "./records.js";

export type { AssignOutcome, ProspectAssignment } from "./assign-outcomes.js";

/** Calls an assign job made, per operation: every attempt that left counts, retries included. */
export interface AssignCallCounts {
  /** Calls of `POST /v2/flows/prospects` (listing the prospects' flows). */
  listAssignedFlows: number;
  /** Calls of `POST /v2/flows/prospects/assign`. */
  assignProspects: number;
  /** All calls: the sum of the two. */
  total: number;
}

/**
 * An assign job's state, rebuilt from its journal record by record and kept up to date the same way
 * while it runs: each input prospect with where it stands in the job's flow.
 */
export class AssignState extends JournalReplay {
  readonly flowId: string;
  /** The input prospects in input order. */
  readonly prospects: readonly string[];
  /** Each input prospect's assignment. Change them only through {@link AssignState.apply}. */
  readonly assignments = new Map<string, ProspectAssignment>();
  /** Prospects whose planning listing has a response. */
  readonly listedProspects = new Set<string>();
  readonly flowNames = new Map<string, string>();
  readonly calls: AssignCallCounts = { listAssignedFlows: 0, assignProspects: 0, total: 0 };
  /** Matches the prospect ids Gong names to the input's (a Salesforce id's 15- and 18-character forms). */
  readonly #matcher: ProspectMatcher;

  constructor(init: { flowId: string; entries: readonly { id: string }[] }) {
    super();
    this.flowId = init.flowId;
    this.prospects = init.entries.map((entry) => entry.id);
    for (const prospect of this.prospects) this.assignments.set(prospect, pendingAssignment());
    this.#matcher = new ProspectMatcher(this.prospects);
  }

  /** Prospects with an outcome other than "still to send". */
  get settledProspects(): number {
    let settled = 0;
    for (const assignment of this.assignments.values()) if (assignment.outcome !== "pending") settled += 1;
    return settled;
  }

  protected countAttempt(kind: RequestKind, at: string): void {
    if (isListRequest(kind)) this.calls.listAssignedFlows += 1;
    else this.calls.assignProspects += 1;
    this.calls.total += 1;
    countDay(this.callsByDay, at);
  }

  protected maybeApplied(request: RequestRecord): void {
    if (request.kind === "assign") markAssignMaybeApplied(this.assignments, request.ids, this.run);
  }

  protected applyAnswer(request: RequestRecord, response: OkResponseRecord): void {
    if ("flows" in response) {
      for (const [id, name] of Object.entries(response.flowNames)) this.flowNames.set(id, name);
      const found = instancesInFlow(this.#inInputTerms(response.flows), this.flowId);
      if (request.kind === "plan-list") {
        for (const prospect of request.ids) this.listedProspects.add(prospect);
        settleByPlanListing(this.assignments, found, this.run);
      } else settleByCheckListing(this.assignments, request.ids, found, request.final === true, this.run);
      return;
    }
    if ("assigned" in response && request.kind === "assign") {
      const inputIdOf = (listed: string) => this.#matcher.inputIdOf(listed);
      applyAssignResponse(this.assignments, request.ids, response, inputIdOf, this.run);
    }
  }

  /** Listed flows of the input's prospects, each written as the input writes it; the others left out. */
  #inInputTerms(flows: readonly CompactFlow[]): CompactFlow[] {
    const inInput: CompactFlow[] = [];
    for (const flow of flows) {
      const prospect = flow[1] === null ? undefined : this.#matcher.inputIdOf(flow[1]);
      // Never act beyond the input: a flow listed for a prospect the user did not name is left alone.
      if (prospect !== undefined) inInput.push([flow[0], prospect, flow[2], flow[3], flow[4]]);
    }
    return inInput;
  }
}
