// Check 3: negative data is rejected with a 4xx (401 for missing or wrong-scheme credentials), never
// a 2xx or a 5xx, and the refusal itself conforms to the spec. Every case is derived from the spec.
import { describe, expect, it } from "vitest";
import { checkExchange } from "../../src/exchange-check.js";
import { negativeCases } from "../../src/negative-cases.js";
import { prismDefectFor } from "../../src/prism-defects.js";
import { assertConforms } from "../../src/violation.js";
import { callableOperations, model, pacer, target } from "../support/contract-context.js";

// Concurrent: the cases are independent, and the pacer still spaces them on a paced live target.
describe.concurrent("check 3: negative data is rejected", () => {
  for (const operation of callableOperations) {
    describe(operation.operationId, () => {
      for (const negative of negativeCases(model, operation)) {
        const check = `negative data: ${negative.name}`;
        const defect = target.kind === "prism" ? prismDefectFor(negative) : undefined;
        if (defect) {
          it(`${negative.name} (Prism never answers it: a known defect of the mock, checked in full on live targets)`, async () => {
            const patient = target.withRequestTimeout(defect.waitMs);
            const { violations, response } = await checkExchange(model, patient, pacer, operation, negative.request(patient), negative.expectation, check);
            // Any answer Prism does give is held to the contract; without one, the silence must be the
            // known defect (a wait that ran out), not a Prism that is gone.
            if (response) assertConforms(violations);
            else expect(violations).toEqual([expect.objectContaining({ where: "/status", actual: `no answer within ${defect.waitMs} ms` })]);
          });
          continue;
        }
        it(negative.name, async () => {
          const { violations } = await checkExchange(model, target, pacer, operation, negative.request(target), negative.expectation, check);
          assertConforms(violations);
        });
      }
    });
  }
});
