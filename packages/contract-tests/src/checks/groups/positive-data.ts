import type { OperationSpec } from "@gong-flows/spec-reader";
import { inputRequest } from "../../requests/input-request.js";
import { describeForm } from "../../requests/negative-cases.js";
import { describeValue } from "../../report/describe-value.js";
import type { ContractContext } from "../../run/context.js";
import type { CheckCase, CheckGroup } from "../case.js";
import { checkExchange, success, type StatusExpectation } from "../exchange.js";
import { generatedInput } from "../generated-input.js";
import { propertyCase } from "../property.js";

/**
 * Check 4: positive data is accepted. Valid inputs generated from each form of each request schema
 * (fast-check, fixed seed; a failure prints the seed and path to replay it) get a 2xx whose answer
 * conforms.
 */
export function positiveDataGroup(ctx: ContractContext): CheckGroup {
  const { model } = ctx;
  const cases: CheckCase[] = ctx.generatedInputOperations.flatMap((operation) => {
    const forms = model.inputForms(operation);
    const what = model.inputKind(operation) === "body" ? "bodies" : "sets of parameters";
    const expected = acceptance(ctx, operation);
    const answer = expected === success ? "2xx" : "2xx or the documented 404";
    return forms.map((schemaAt) => ({
      name: `${operation.operationId}: ${ctx.target.numRuns} generated valid ${what}${forms.length > 1 ? ` (${describeForm(model, schemaAt)})` : ""} each get a conforming ${answer}`,
      run: () =>
        propertyCase(ctx, generatedInput(ctx, operation, schemaAt), async (input) => {
          const generatorIssues = model.validator.issues(schemaAt, input);
          if (generatorIssues.length > 0) {
            throw new Error(
              `the generator made an invalid input (${describeValue(generatorIssues)}): fix src/requests/arbitrary.ts`,
            );
          }
          const check = `positive data: generated input ${describeValue(input)}`;
          return checkExchange(ctx, operation, inputRequest(model, operation, input), expected, check);
        }),
    }));
  });
  return { id: "positive-data", title: "positive data is accepted", cases };
}

/**
 * What a valid generated input must get: a 2xx on Prism, which keeps no state. A server with state
 * knows none of the made-up ids, so where the spec documents a 404 (an unknown flow, an unknown bulk
 * assignment), that answer is the contract too.
 */
function acceptance(ctx: ContractContext, operation: OperationSpec): StatusExpectation {
  if (ctx.target.kind === "prism" || !operation.responses.some((r) => r.status === "404")) return success;
  return {
    description: "a 2xx, or the documented 404 (the request is valid; its made-up ids name nothing here)",
    accepts: (status) => (status >= 200 && status < 300) || status === 404,
  };
}
