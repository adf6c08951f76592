import { chunk, definedOnly, distinct, doneOf, runChunks, throwOnFailure } from "../batch.js";
import { gongLimits } from "../defaults.js";
import type { RawIssue } from "../generated/validators.js";
import type { OkBodyOf } from "../transport.js";
import type { RequestOptions } from "../types.js";
import type { AssignProspectsInput, AssignProspectsResult } from "../types-flows.js";
import { checkCall, type OperationContext } from "./context.js";

const path = "/v2/flows/prospects/assign";
type Answer = OkBodyOf<typeof path>;
// The id cap is per request, and duplicates are sent once: batching keeps both rules.
const lifted = [
  { keyword: "maxItems", path: "/crmProspectsIds" },
  { keyword: "uniqueItems", path: "/crmProspectsIds" },
];

/**
 * `assignProspects`: the CRM ids, deduplicated, in requests of Gong's cap, each answer matched against
 * its request id by id. A request is never sent twice once it may have reached Gong.
 */
export function assignProspects({ post, options: client }: OperationContext) {
  return async (rawInput: AssignProspectsInput, options: RequestOptions = {}): Promise<AssignProspectsResult> => {
    const { settings, input, text } = checkCall("assignProspects", rawInput, options, lifted);
    const chunks = chunk(distinct(input.crmProspectsIds), gongLimits.assignProspectsPerRequest);
    const outcomes = await runChunks(chunks, client.batchConcurrency, async (crmProspectsIds, { record, stop }) => {
      const bytes = crmProspectsIds.length === input.crmProspectsIds.length ? text : undefined;
      const target = { ...settings, stop, ids: crmProspectsIds };
      // An answer about prospects that were not asked for cannot be matched to the request: what it did is unknown.
      const answerIssues = (answer: Answer) =>
        strayProspects(crmProspectsIds, answer.prospectsAssigned ?? [], answer.prospectsNotAssigned ?? []);
      const data = await post(path, { ...input, crmProspectsIds }, { target, record, bytes, answerIssues });
      const assigned = data.prospectsAssigned ?? [];
      const notAssigned = data.prospectsNotAssigned ?? [];
      const answered = new Set([...assigned, ...notAssigned].map((p) => p.crmProspectId));
      return {
        assigned,
        notAssigned,
        unconfirmed: crmProspectsIds.filter((id) => !answered.has(id)),
        requestId: data.requestId,
      };
    });
    const done = doneOf(outcomes);
    const result: AssignProspectsResult = {
      assigned: done.flatMap((o) => o.result.assigned),
      notAssigned: done.flatMap((o) => o.result.notAssigned),
      unconfirmedCrmProspectIds: done.flatMap((o) => o.result.unconfirmed),
      requestIds: definedOnly(done.map((o) => o.result.requestId)),
    };
    throwOnFailure("assignProspects", outcomes, result);
    return result;
  };
}

/** Issues for every entry of the answer that names no prospect of the request, or one already named. */
function strayProspects(
  sent: readonly string[],
  assigned: readonly { crmProspectId?: string }[],
  notAssigned: readonly { crmProspectId?: string }[],
): RawIssue[] {
  const asked = new Set(sent);
  const seen = new Set<string>();
  const issues: RawIssue[] = [];
  const lists = [
    ["/prospectsAssigned", assigned],
    ["/prospectsNotAssigned", notAssigned],
  ] as const;
  for (const [pointer, entries] of lists) {
    for (const [index, { crmProspectId: id }] of entries.entries()) {
      const at = `${pointer}/${index}/crmProspectId`;
      if (id === undefined || !asked.has(id))
        issues.push([at, "names no prospect of the request", "x-matches-request"]);
      else if (seen.has(id)) issues.push([at, "names a prospect the answer already named", "x-matches-request"]);
      else seen.add(id);
    }
  }
  return issues;
}
