// Check 2: responses conform. On Prism every documented status of every operation is forced, from the
// spec's example and generated under fixed seeds; a live server is held to whatever it answers.
import { describe, expect, it } from "vitest";
import { checkExchange, exactly, success } from "../../src/exchange-check.js";
import { exchange, jsonRequest } from "../../src/exchange.js";
import { describeForced, exampleRequestBody, forcedResponses, preferHeader } from "../../src/forced-responses.js";
import { assertConforms } from "../../src/violation.js";
import { callableOperations, model, pacer, target } from "../support/contract-context.js";

/** Seeds of Prism's generated answers: fixed, derived from the run's seed. */
const dynamicSeeds = [target.seed, target.seed + 1, target.seed + 2];

describe.runIf(target.canForceResponses)("check 2: every documented response conforms (forced on Prism)", () => {
  for (const operation of callableOperations) {
    describe(operation.operationId, () => {
      for (const forced of forcedResponses(operation, dynamicSeeds)) {
        it(describeForced(forced), async () => {
          const request = jsonRequest(target, exampleRequestBody(model, operation), { prefer: preferHeader(forced) });
          const check = `responses conform: ${describeForced(forced)}`;
          const { violations } = await checkExchange(model, target, pacer, operation, request, exactly(forced.status), check);
          assertConforms(violations);
        });
      }
    });
  }

  it("gets the same generated answer for the same seed (Prism's dynamic mode is seeded)", async () => {
    const operation = model.operation("listAssignedFlows");
    const request = jsonRequest(target, exampleRequestBody(model, operation), { prefer: `code=200, dynamic=true, seed=${target.seed}` });
    const first = await exchange(target, pacer, operation, request);
    const second = await exchange(target, pacer, operation, request);
    expect(first.answered && second.answered).toBe(true);
    if (first.answered && second.answered) expect(second.response.bodyText).toBe(first.response.bodyText);
  });
});

describe.runIf(!target.canForceResponses)("check 2: the live server's answers conform", () => {
  it("answers a list of the configured prospects with a 2xx that conforms", async () => {
    const operation = model.operation("listAssignedFlows");
    const request = jsonRequest(target, { crmProspectsIds: target.crmProspectIds });
    const check = "responses conform: list the configured prospects";
    const { violations } = await checkExchange(model, target, pacer, operation, request, success, check);
    assertConforms(violations);
  });
});
