// Writes against a live server, only with CONTRACT_ALLOW_WRITES=1, and only on the flow instances a
// list call of the configured prospects returned: the suite never unassigns anything it made up.
import { describe, it } from "vitest";
import { checkClientOutcome, checkClientRequest, createContractClient, outcomeOf } from "../../src/client-contract.js";
import { checkExchange, success } from "../../src/exchange-check.js";
import { jsonRequest } from "../../src/exchange.js";
import { createRecordingFetch } from "../../src/recording-fetch.js";
import { assertConforms } from "../../src/violation.js";
import { model, pacer, target } from "../support/contract-context.js";

interface Listed {
  flowInstanceId?: unknown;
  crmProspectId?: unknown;
  flowId?: unknown;
}

describe.runIf(target.kind === "live" && target.allowWrites)("live writes (CONTRACT_ALLOW_WRITES=1)", () => {
  it("unassigns the listed flow instances, by CRM id and by instance id, and both answers conform", async (context) => {
    const list = model.operation("listAssignedFlows");
    const listed = await checkExchange(model, target, pacer, list, jsonRequest(target, { crmProspectsIds: target.crmProspectIds }), success, "live writes: list");
    assertConforms(listed.violations);
    const flows = ((JSON.parse(listed.response?.bodyText ?? "{}") as { prospectsAssigned?: Listed[] }).prospectsAssigned ?? []).filter(
      (f): f is { flowInstanceId: string; crmProspectId: string; flowId: string } =>
        typeof f.flowInstanceId === "string" && typeof f.crmProspectId === "string" && typeof f.flowId === "string",
    );
    if (flows.length === 0) {
      context.skip("the configured prospects are in no flow: nothing to unassign (set CONTRACT_CRM_PROSPECT_IDS)");
      return;
    }

    // One prospect out of one flow, straight through the spec.
    const first = flows[0]!;
    const byCrmId = model.operation("unassignFlowsByCrmProspectId");
    const body = { crmProspectId: first.crmProspectId, flowId: first.flowId };
    const single = await checkExchange(model, target, pacer, byCrmId, jsonRequest(target, body), success, "live writes: unassign one prospect from one flow");
    assertConforms(single.violations);

    // Every listed instance through the client: the first is gone already, and must be reported as
    // not unassigned rather than lost.
    const byInstance = model.operation("unassignFlowsByFlowInstanceIds");
    const recording = createRecordingFetch();
    const client = createContractClient(target, (request) => recording.fetch(request));
    const input = { flowInstanceIds: flows.map((f) => f.flowInstanceId) };
    const outcome = await outcomeOf(() => client.unassignByFlowInstanceIds(input));
    const check = "live writes: unassign the listed flow instances through the client";
    assertConforms([
      ...recording.exchanges.flatMap((recorded) => checkClientRequest(model, target, byInstance, recorded, check)),
      ...checkClientOutcome(byInstance, recording.exchanges, outcome, check),
    ]);
  });
});
