import type { GongFlowsClient } from "@gong-flows/client";
import type { RequestKind } from "../journal/records.js";
import { hadAmbiguousEarlierAttempt } from "./attempts.js";
import { sendListRequest } from "./list-request.js";
import type { RequestSender, SendOutcome } from "./request-sender.js";

/** What the assign job's requests need. */
export interface AssignSenderDeps {
  readonly requests: RequestSender;
  readonly client: GongFlowsClient;
  /** Retries the client may make per list request. Assign requests get none (see `SenderDeps.maxRetries`). */
  readonly maxRetries: number;
  readonly flowId: string;
  readonly flowInstanceOwnerEmail: string;
}

/** The assign job's requests, each sent through the {@link RequestSender}. */
export interface AssignSender {
  list(
    kind: Extract<RequestKind, "plan-list" | "check-list">,
    crmProspectIds: string[],
    final?: boolean,
  ): Promise<SendOutcome>;
  /** Assigns up to 100 prospects to the job's flow in one request. */
  assign(crmProspectIds: string[]): Promise<SendOutcome>;
}

export function createAssignSender(deps: AssignSenderDeps): AssignSender {
  const { client, requests, flowId, flowInstanceOwnerEmail } = deps;
  return {
    list: (kind, crmProspectIds, final) => sendListRequest(deps, kind, crmProspectIds, final),

    assign(crmProspectIds) {
      const request = { kind: "assign" as const, ids: crmProspectIds, flowId };
      return requests.send(request, 0, async (options, attempts) => {
        const result = await client.assignProspects(
          { flowId, flowInstanceOwnerEmail, crmProspectsIds: crmProspectIds },
          options,
        );
        // "Not assigned" after an earlier attempt that may have been applied may be that attempt's doing
        // (the prospect is in the flow now): unconfirmed, not "not assigned".
        const ambiguous = hadAmbiguousEarlierAttempt(attempts);
        const refused = result.notAssigned.flatMap((failure) =>
          failure.crmProspectId === undefined
            ? []
            : [[failure.crmProspectId, failure.errorCode ?? null, failure.errorMessage ?? null] as const],
        );
        return {
          ok: true,
          assigned: result.assigned.flatMap((flow) =>
            flow.crmProspectId === undefined ? [] : [[flow.crmProspectId, flow.flowInstanceId ?? null] as const],
          ),
          notAssigned: ambiguous ? [] : refused,
          unconfirmed: [...result.unconfirmedCrmProspectIds, ...(ambiguous ? refused.map(([id]) => id) : [])],
          requestIds: result.requestIds,
        };
      });
    },
  };
}
