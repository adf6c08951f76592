// Check 4: positive data is accepted. Valid bodies generated from each request schema (fast-check,
// fixed seed; a failure prints the seed and path to replay it) get a 2xx whose answer conforms.
import fc from "fast-check";
import { describe, it } from "vitest";
import { describeValue } from "../../src/describe-value.js";
import { checkExchange, success } from "../../src/exchange-check.js";
import { jsonRequest } from "../../src/exchange.js";
import { validValueArbitrary } from "../../src/request-arbitrary.js";
import { assertConforms } from "../../src/violation.js";
import { generatedInputOperations, model, pacer, propertySettings, target } from "../support/contract-context.js";

describe("check 4: positive data is accepted", () => {
  for (const operation of generatedInputOperations) {
    it(`${operation.operationId}: ${target.numRuns} generated valid bodies each get a conforming 2xx`, async () => {
      const schemaAt = model.requestSchemaPointer(operation);
      await fc.assert(
        fc.asyncProperty(validValueArbitrary(model.spec, schemaAt), async (body) => {
          const generatorIssues = model.validator.issues(schemaAt, body);
          if (generatorIssues.length > 0) {
            throw new Error(`the generator made an invalid body (${describeValue(generatorIssues)}): fix src/request-arbitrary.ts`);
          }
          const check = `positive data: generated body ${describeValue(body)}`;
          const { violations } = await checkExchange(model, target, pacer, operation, jsonRequest(target, body), success, check);
          assertConforms(violations);
        }),
        // Shrinking a failure against a live server would send many more paced requests.
        { ...propertySettings, endOnFailure: target.kind === "live" },
      );
    });
  }
});
