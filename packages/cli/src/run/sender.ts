import type { AssignedFlow, GongFlowsClient, RequestOptions } from "@gong-flows/client";
import type { JobState } from "../journal/job-state.js";
import type { CompactFlow, ListAnswer, RequestKind, RequestRecord, UnassignAnswer } from "../journal/records.js";
import type { DailyBudget } from "./daily-budget.js";
import { type AttemptTrace, failureOf, hadAmbiguousEarlierAttempt, watchAttempts } from "./attempts.js";
import type { Recorder } from "./recorder.js";
import { stopFor, summarizeError, type StopReason } from "./stop-reason.js";

/** How a request of the job ended. */
export type SendOutcome =
  | { readonly status: "answered" }
  | {
      readonly status: "failed";
      readonly error: unknown;
      readonly applied: "no" | "maybe";
      readonly stop: StopReason | undefined;
    }
  /** Not sent: the daily budget has no call left today. */
  | { readonly status: "no-budget" }
  /** Not sent: the job is stopping. */
  | { readonly status: "not-sent" };

/** A request of the job in flight, so that a stop can hold back the ones that have not left yet. */
export interface InFlight {
  readonly controller: AbortController;
  readonly attempts: readonly AttemptTrace[];
}

/** What the sender needs. */
export interface SenderDeps {
  readonly client: GongFlowsClient;
  readonly recorder: Recorder;
  readonly state: JobState;
  readonly budget: DailyBudget;
  readonly now: () => number;
  /**
   * Retries the client may make per list request (fewer when the budget is nearly spent). Unassign
   * requests get none from the client: an attempt whose answer is lost may have been applied, and
   * sending its ids again would send ids that may be unassigned already. The job settles such
   * requests by listing instead, and sends again only what is still assigned (and, itself, a request
   * that Gong refused with a 429 before acting on it).
   */
  readonly maxRetries: number;
  readonly unassignedByUserEmail: string | undefined;
  /** Aborted when the job stops: a request still waiting for budget is not sent. */
  readonly stopping: AbortSignal;
  /** Requests in flight; the sender adds and removes its own. */
  readonly inFlight: Set<InFlight>;
}

/** Sends the job's requests, one journal entry before each and one after its answer. */
export interface Sender {
  /** `final`: a check after which nothing is sent again in this run (see {@link RequestRecord.final}). */
  list(
    kind: Extract<RequestKind, "plan-list" | "check-list">,
    crmProspectIds: string[],
    final?: boolean,
  ): Promise<SendOutcome>;
  unassignByInstanceIds(flowInstanceIds: string[]): Promise<SendOutcome>;
  unassignByCrmProspectId(crmProspectId: string, flowId: string | undefined): Promise<SendOutcome>;
}

type Answer = Omit<ListAnswer, "type" | "seq" | "at"> | Omit<UnassignAnswer, "type" | "seq" | "at">;

export function createSender(deps: SenderDeps): Sender {
  const { client, recorder, state, budget, now } = deps;
  const iso = () => new Date(now()).toISOString();
  const email = deps.unassignedByUserEmail === undefined ? {} : { unassignedByUserEmail: deps.unassignedByUserEmail };

  async function send(
    request: Omit<RequestRecord, "type" | "seq">,
    maxRetries: number,
    call: (options: RequestOptions, attempts: readonly AttemptTrace[]) => Promise<Answer>,
  ): Promise<SendOutcome> {
    const reservation = await budget.reserve(maxRetries, deps.stopping);
    if (reservation === undefined) return deps.stopping.aborted ? { status: "not-sent" } : { status: "no-budget" };
    const controller = new AbortController();
    const attempts: AttemptTrace[] = [];
    const entry: InFlight = { controller, attempts };
    deps.inFlight.add(entry);
    try {
      const seq = state.nextSeq;
      // On disk before the client gets the request: whatever happens next, a resume knows of it.
      await recorder.write({ type: "request", seq, ...request });
      const watch = watchAttempts({
        attempts,
        mayLeave: () => !controller.signal.aborted,
        left: () => {
          recorder.writeNow({ type: "attempt", seq, at: iso() });
          reservation.attemptLeft();
        },
      });
      try {
        const answer = await call(
          { signal: controller.signal, maxRetries: reservation.retries, onAttempt: watch.onAttempt },
          attempts,
        );
        await recorder.write({ type: "answer", seq, at: iso(), ...answer });
        return { status: "answered" };
      } catch (caught) {
        // An attempt the journal could not record was held back: that failure is the call's.
        const error = watch.failure()?.error ?? caught;
        const failure = failureOf(attempts);
        await recorder.write({ type: "answer", seq, at: iso(), ok: false, ...failure, error: summarizeError(error) });
        return { status: "failed", error, applied: failure.applied, stop: stopFor(error) };
      }
    } finally {
      reservation.release();
      deps.inFlight.delete(entry);
    }
  }

  return {
    list(kind, crmProspectIds, final) {
      return send({ kind, ids: crmProspectIds, ...(final ? { final } : {}) }, deps.maxRetries, async (options) => {
        const result = await client.listAssignedFlows({ crmProspectsIds: crmProspectIds }, options);
        const flowNames: Record<string, string> = {};
        for (const flow of result.flows)
          if (flow.flowId !== undefined && flow.flowName !== undefined) flowNames[flow.flowId] = flow.flowName;
        return { ok: true, flows: result.flows.map(compactFlow), flowNames, requestIds: result.requestIds };
      });
    },

    unassignByInstanceIds(flowInstanceIds) {
      return send({ kind: "unassign-by-instance-id", ids: flowInstanceIds }, 0, async (options, attempts) => {
        const result = await client.unassignByFlowInstanceIds({ flowInstanceIds, ...email }, options);
        const reported = result.unconfirmedFlowInstanceIds;
        // An id the final answer leaves out after an earlier attempt that may have been applied may
        // have been removed by that attempt: unconfirmed, not "kept assigned".
        const ambiguous = hadAmbiguousEarlierAttempt(attempts);
        return {
          ok: true,
          unassigned: result.unassignedFlowInstanceIds,
          notUnassigned: ambiguous ? [] : result.notUnassignedFlowInstanceIds,
          unconfirmed: ambiguous ? [...reported, ...result.notUnassignedFlowInstanceIds] : [...reported],
          requestIds: result.requestIds,
        };
      });
    },

    unassignByCrmProspectId(crmProspectId, flowId) {
      return send(
        { kind: "unassign-by-crm-id", ids: [crmProspectId], ...(flowId === undefined ? {} : { flowId }) },
        0,
        async (options, attempts) => {
          const input = flowId === undefined ? { crmProspectId, ...email } : { crmProspectId, flowId, ...email };
          const result = await client.unassignByCrmProspectId(input, options);
          const unconfirmed = result.unconfirmed || hadAmbiguousEarlierAttempt(attempts);
          return {
            ok: true,
            unassigned: result.unassignedFlowInstanceIds,
            notUnassigned: [],
            unconfirmed: [],
            prospectUnconfirmed: unconfirmed,
            requestIds: result.requestId === undefined ? [] : [result.requestId],
          };
        },
      );
    },
  };
}

/** The journal's form of a listed flow instance. */
export function compactFlow(flow: AssignedFlow): CompactFlow {
  return [
    flow.flowInstanceId ?? "",
    flow.crmProspectId ?? null,
    flow.flowId ?? null,
    flow.flowInstanceStatus ?? null,
    flow.flowInstanceCreateDate ?? null,
  ];
}
