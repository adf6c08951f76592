import { jsonRequest } from "../../http/exchange.js";
import { validValueArbitrary } from "../../requests/arbitrary.js";
import { describeValue } from "../../report/describe-value.js";
import type { ContractContext } from "../../run/context.js";
import type { CheckCase, CheckGroup } from "../case.js";
import { checkExchange, success } from "../exchange.js";
import { propertyCase } from "../property.js";

/**
 * Check 4: positive data is accepted. Valid bodies generated from each request schema (fast-check,
 * fixed seed; a failure prints the seed and path to replay it) get a 2xx whose answer conforms.
 */
export function positiveDataGroup(ctx: ContractContext): CheckGroup {
  const { model } = ctx;
  const cases: CheckCase[] = ctx.generatedInputOperations.map((operation) => ({
    name: `${operation.operationId}: ${ctx.target.numRuns} generated valid bodies each get a conforming 2xx`,
    run: () => {
      const schemaAt = model.requestSchemaPointer(operation);
      return propertyCase(ctx, validValueArbitrary(model.spec, schemaAt), async (body) => {
        const generatorIssues = model.validator.issues(schemaAt, body);
        if (generatorIssues.length > 0) {
          throw new Error(
            `the generator made an invalid body (${describeValue(generatorIssues)}): fix src/requests/arbitrary.ts`,
          );
        }
        return checkExchange(
          ctx,
          operation,
          jsonRequest(body),
          success,
          `positive data: generated body ${describeValue(body)}`,
        );
      });
    },
  }));
  return { id: "positive-data", title: "positive data is accepted", cases };
}
