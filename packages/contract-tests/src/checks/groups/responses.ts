import { jsonRequest } from "../../http/exchange.js";
import { describeForced, exampleInput, forcedResponses, preferHeader } from "../../requests/forced-responses.js";
import { inputRequest } from "../../requests/input-request.js";
import { describeValue } from "../../report/describe-value.js";
import { mergeFindings } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { outcomeOf, type CheckCase, type CheckGroup } from "../case.js";
import { checkExchange, exactly, success } from "../exchange.js";

/**
 * Check 2: responses conform. On Prism every documented status of every operation is forced, from
 * the spec's example and generated under fixed seeds; a live server is held to whatever it answers.
 */
export function responsesGroup(ctx: ContractContext): CheckGroup {
  const cases = ctx.target.canForceResponses
    ? [...forcedResponseCases(ctx), sameSeedCase(ctx)]
    : [configuredProspectsCase(ctx)];
  return { id: "responses", title: "responses conform to the spec", cases };
}

/** Seeds of Prism's generated responses: fixed, derived from the run's seed. */
const dynamicSeeds = (ctx: ContractContext) => [ctx.target.seed, ctx.target.seed + 1, ctx.target.seed + 2];

/** Every documented status of every operation, forced on Prism. */
function forcedResponseCases(ctx: ContractContext): CheckCase[] {
  return ctx.callableOperations.flatMap((operation) =>
    forcedResponses(operation, dynamicSeeds(ctx)).map((forced) => ({
      name: `${operation.operationId}: ${describeForced(forced)}`,
      run: async () => {
        const request = inputRequest(ctx.model, operation, exampleInput(ctx.model, operation));
        const check = `responses conform: ${describeForced(forced)}`;
        return outcomeOf(
          await checkExchange(ctx, operation, request, exactly(forced.status), check, {
            prefer: preferHeader(forced),
          }),
        );
      },
    })),
  );
}

/** Prism's dynamic mode, seeded twice alike, must generate the same response twice. */
function sameSeedCase(ctx: ContractContext): CheckCase {
  const { model, target } = ctx;
  return {
    name: "the same seed generates the same answer (Prism's dynamic mode is seeded)",
    run: async () => {
      const operation = model.operation("listAssignedFlows");
      const request = inputRequest(model, operation, exampleInput(model, operation));
      const prefer = `code=200, dynamic=true, seed=${target.seed}`;
      const check = "responses conform: the same seed twice";
      const first = await checkExchange(ctx, operation, request, success, check, { prefer });
      const second = await checkExchange(ctx, operation, request, success, check, { prefer });
      const found = mergeFindings(first, second);
      if (first.response && second.response && first.response.bodyText !== second.response.bodyText) {
        found.violations.push({
          operation: operation.operationId,
          status: 200,
          where: "/body",
          expected: `the same generated answer for seed ${target.seed}`,
          actual: `${describeValue(first.response.bodyText)} then ${describeValue(second.response.bodyText)}`,
          check,
        });
      }
      return outcomeOf(found);
    },
  };
}

/** On a live server: a list of the configured prospects. */
function configuredProspectsCase(ctx: ContractContext): CheckCase {
  return {
    name: "listAssignedFlows: a list of the configured prospects gets a conforming 2xx",
    run: async () => {
      const operation = ctx.model.operation("listAssignedFlows");
      const check = "responses conform: list the configured prospects";
      const request = jsonRequest({ crmProspectsIds: ctx.target.crmProspectIds });
      return outcomeOf(await checkExchange(ctx, operation, request, success, check));
    },
  };
}
