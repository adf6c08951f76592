// Check 3: negative data is rejected with a 4xx (401 for missing or wrong-scheme credentials), never
// a 2xx or a 5xx, and the refusal itself conforms to the spec. Every case is derived from the spec.
import { describe, it } from "vitest";
import { checkExchange, clientError, exactly } from "../../src/exchange-check.js";
import { negativeCases } from "../../src/negative-cases.js";
import { prismDefectFor } from "../../src/prism-defects.js";
import { assertConforms } from "../../src/violation.js";
import { callableOperations, model, pacer, target } from "../support/contract-context.js";

// Concurrent: the cases are independent, and the pacer still spaces them on a paced live target.
describe.concurrent("check 3: negative data is rejected", () => {
  for (const operation of callableOperations) {
    describe(operation.operationId, () => {
      for (const negative of negativeCases(model, operation)) {
        const expectation = negative.expect === "401" ? exactly(401) : clientError;
        const check = `negative data: ${negative.name}`;
        const defect = target.kind === "prism" ? prismDefectFor(negative) : undefined;
        if (defect) {
          it(`${negative.name} (Prism never answers it: a known defect of the mock, checked in full on live targets)`, async () => {
            const patient = target.withRequestTimeout(defect.waitMs);
            const { violations, response } = await checkExchange(model, patient, pacer, operation, negative.request(patient), expectation, check);
            // No answer is the known defect; any answer Prism does give is held to the contract.
            if (response) assertConforms(violations);
          });
          continue;
        }
        it(negative.name, async () => {
          const { violations } = await checkExchange(model, target, pacer, operation, negative.request(target), expectation, check);
          assertConforms(violations);
        });
      }
    });
  }
});
