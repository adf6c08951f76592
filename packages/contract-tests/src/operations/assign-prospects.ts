import type { AssignProspectsInput } from "@gong-flows/client";
import {
  objectsAt,
  type OperationContract,
  requestBodies,
  requestIdsOf,
  responseBodies,
  stringsAt,
} from "./operation.js";

/**
 * `assignProspects`: every prospect of every request in exactly one list: assigned (its new flow
 * instance), not assigned (Gong's error code), or unconfirmed (named in neither list of the answer).
 */
export const assignProspects: OperationContract = {
  call: (client, input) => client.assignProspects(input as AssignProspectsInput),
  expectedResult(exchanges) {
    const sent = requestBodies(exchanges);
    const bodies = responseBodies(exchanges);
    const unconfirmed = bodies.flatMap((body, i) => {
      const answered = new Set(
        [...objectsAt(body, "prospectsAssigned"), ...objectsAt(body, "prospectsNotAssigned")].map(
          (p) => p["crmProspectId"],
        ),
      );
      return stringsAt(sent[i], "crmProspectsIds").filter((id) => !answered.has(id));
    });
    return {
      assigned: bodies.flatMap((b) => objectsAt(b, "prospectsAssigned")),
      notAssigned: bodies.flatMap((b) => objectsAt(b, "prospectsNotAssigned")),
      unconfirmedCrmProspectIds: unconfirmed,
      requestIds: requestIdsOf(bodies),
    };
  },
  refusedAnswer(exchanges) {
    const sent = requestBodies(exchanges);
    for (const [i, body] of responseBodies(exchanges).entries()) {
      const asked = new Set(stringsAt(sent[i], "crmProspectsIds"));
      const named = [...objectsAt(body, "prospectsAssigned"), ...objectsAt(body, "prospectsNotAssigned")].map(
        (p) => p["crmProspectId"],
      );
      const stray = named.some((id, at) => typeof id !== "string" || !asked.has(id) || named.indexOf(id) !== at);
      if (stray)
        return "the answer names a prospect that was not asked for, or one twice: it cannot be matched to the request";
    }
    return undefined;
  },
  clientHandledKeywords: [
    { keyword: "maxItems", why: "assignProspects takes any number of ids and sends them in requests of at most 100" },
    { keyword: "uniqueItems", why: "assignProspects sends each distinct id once" },
  ],
};
