// The request generators are part of the checks: a negative case the spec accepts would test
// nothing, and a "valid" body the spec rejects would blame the server for the generator's mistake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyMutations } from "../../src/body-mutations.js";
import { createContractModel } from "../../src/contract-model.js";
import { validValueArbitrary } from "../../src/request-arbitrary.js";
import { sampleValue } from "../../src/request-sample.js";
import { model } from "../support/model.js";

describe("request generators", () => {
  for (const operation of model.operations) {
    const schemaAt = model.requestSchemaPointer(operation);

    it(`${operation.operationId}: every negative body breaks the spec exactly where it says`, () => {
      const valid = sampleValue(model.spec, schemaAt);
      expect(model.validator.issues(schemaAt, valid)).toEqual([]);
      const mutations = bodyMutations(model.spec, schemaAt);
      expect(mutations.length).toBeGreaterThan(3);
      for (const mutation of mutations) {
        const issues = model.validator.issues(schemaAt, mutation.apply(valid));
        expect(issues.map((i) => i.pointer), mutation.name).toContain(mutation.pointer);
        expect(issues.map((i) => i.keyword), mutation.name).toContain(mutation.keyword);
      }
    });

    it(`${operation.operationId}: 1,000 generated valid bodies are all valid`, () => {
      fc.assert(
        fc.property(validValueArbitrary(model.spec, schemaAt), (body) => model.validator.isValid(schemaAt, body)),
        { numRuns: 1_000, seed: 7 },
      );
    });
  }

  it("derives the documented bounds: no list id may be empty, and 201 flow instance ids are too many", () => {
    const names = model.operations.flatMap((o) => bodyMutations(model.spec, model.requestSchemaPointer(o)).map((m) => `${o.operationId}: ${m.name}`));
    expect(names).toEqual(
      expect.arrayContaining([
        "unassignFlowsByFlowInstanceIds: 201 items at /flowInstanceIds (maxItems 200)",
        "unassignFlowsByFlowInstanceIds: 0 items at /flowInstanceIds (minItems 1)",
        "listAssignedFlows: missing required property /crmProspectsIds",
        "listAssignedFlows: unknown property /unexpectedProperty",
        "unassignFlowsByCrmProspectId: a malformed email at /unassignedByUserEmail",
        "unassignFlowsByCrmProspectId: a number instead of a string at /crmProspectId",
      ]),
    );
  });

  it("refuses a schema keyword it cannot honour, rather than generating wrong data", () => {
    const spec = structuredClone(model.spec) as Record<string, any>;
    spec["components"]["schemas"]["NonEmptyId"]["pattern"] = "^[0-9]+$";
    const changed = createContractModel(spec);
    const list = changed.operation("listAssignedFlows");
    expect(() => validValueArbitrary(changed.spec, changed.requestSchemaPointer(list))).toThrow(/pattern/);
  });
});
