import type { GongFlowsClient } from "@gong-flows/client";
import type { RequestKind } from "../journal/records.js";
import { hadAmbiguousEarlierAttempt } from "./attempts.js";
import { listResponse, sendListRequest } from "./list-request.js";
import type { RequestSender, SendOutcome } from "./request-sender.js";

export type { InFlight, SendOutcome } from "./request-sender.js";

/** What the unassign job's requests need. */
export interface SenderDeps {
  readonly requests: RequestSender;
  readonly client: GongFlowsClient;
  /**
   * Retries the client may make per list request. Unassign requests get none from the client: the job
   * settles a lost response by listing (see docs/design/bulk-job-phases.md).
   */
  readonly maxRetries: number;
  readonly unassignedByUserEmail: string | undefined;
}

/** The unassign job's requests, each sent through the {@link RequestSender}. */
export interface Sender {
  /** `final`: a check after which nothing is sent again in this run (see `RequestRecord.final`). */
  list(
    kind: Extract<RequestKind, "plan-list" | "check-list">,
    crmProspectIds: string[],
    final?: boolean,
  ): Promise<SendOutcome>;
  /** Lists flow instances by id (finished ones included), to settle or verify them. */
  listInstances(flowInstanceIds: string[], final: boolean): Promise<SendOutcome>;
  unassignByInstanceIds(flowInstanceIds: string[]): Promise<SendOutcome>;
  unassignByCrmProspectId(crmProspectId: string, flowId: string | undefined): Promise<SendOutcome>;
}

export function createSender(deps: SenderDeps): Sender {
  const { client, requests } = deps;
  const email = deps.unassignedByUserEmail === undefined ? {} : { unassignedByUserEmail: deps.unassignedByUserEmail };
  return {
    list: (kind, crmProspectIds, final) => sendListRequest(deps, kind, crmProspectIds, final),

    listInstances(flowInstanceIds, final) {
      const request = { kind: "instance-list" as const, ids: flowInstanceIds, ...(final ? { final } : {}) };
      return requests.send(request, deps.maxRetries, async (options) =>
        listResponse(await client.listAssignedFlows({ flowInstanceIds }, options)),
      );
    },

    unassignByInstanceIds(flowInstanceIds) {
      const request = { kind: "unassign-by-instance-id" as const, ids: flowInstanceIds };
      return requests.send(request, 0, async (options, attempts) => {
        const result = await client.unassignByFlowInstanceIds({ flowInstanceIds, ...email }, options);
        const reported = result.unconfirmedFlowInstanceIds;
        // An id the final response leaves out after an earlier attempt that may have been applied may
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
      const request = {
        kind: "unassign-by-crm-id" as const,
        ids: [crmProspectId],
        ...(flowId === undefined ? {} : { flowId }),
      };
      return requests.send(request, 0, async (options, attempts) => {
        const input = flowId === undefined ? { crmProspectId, ...email } : { crmProspectId, flowId, ...email };
        const result = await client.unassignByCrmProspectId(input, options);
        return {
          ok: true,
          unassigned: result.unassignedFlowInstanceIds,
          notUnassigned: [],
          unconfirmed: [],
          prospectUnconfirmed: result.unconfirmed || hadAmbiguousEarlierAttempt(attempts),
          requestIds: result.requestId === undefined ? [] : [result.requestId],
        };
      });
    },
  };
}
