// The request generators are part of the checks: a negative case the spec accepts would test
// nothing, and a "valid" body the spec rejects would blame the server for the generator's mistake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validValueArbitrary } from "../../src/requests/arbitrary.js";
import { bodyMutations } from "../../src/requests/mutations.js";
import { negativeCases } from "../../src/requests/negative-cases.js";
import { sampleValue } from "../../src/requests/sample.js";
import { decisionsOf, withoutDecisions } from "../../src/spec/decisions.js";
import { createContractModel } from "../../src/spec/model.js";
import { coveredOperations, model } from "../support/model.js";

describe("request generators", () => {
  for (const operation of coveredOperations) {
    const schemaAt = model.requestSchemaPointer(operation);

    it(`${operation.operationId}: every negative body breaks the spec exactly where it says`, () => {
      const valid = sampleValue(model.spec, schemaAt);
      expect(model.validator.issues(schemaAt, valid)).toEqual([]);
      const mutations = bodyMutations(model.spec, schemaAt);
      expect(mutations.length).toBeGreaterThan(3);
      for (const mutation of mutations) {
        const issues = model.validator.issues(schemaAt, mutation.apply(valid));
        expect(
          issues.map((i) => i.pointer),
          mutation.name,
        ).toContain(mutation.pointer);
        expect(
          issues.map((i) => i.keyword),
          mutation.name,
        ).toContain(mutation.keyword);
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
    const names = coveredOperations.flatMap((o) =>
      bodyMutations(model.spec, model.requestSchemaPointer(o)).map((m) => `${o.operationId}: ${m.name}`),
    );
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

  it("tells Gong's documented rules from the project's decisions: a decision's case breaks only the decision", () => {
    for (const operation of coveredOperations) {
      const schemaAt = model.requestSchemaPointer(operation);
      const valid = sampleValue(model.spec, schemaAt);
      for (const mutation of bodyMutations(model.spec, schemaAt)) {
        // Against the spec without its decisions (what Gong documents), a decision's broken body is
        // valid and a documented rule's broken body is not.
        const gongAccepts = model.documentedValidator.isValid(schemaAt, mutation.apply(valid));
        expect(gongAccepts, `${operation.operationId}: ${mutation.name}`).toBe(mutation.decision !== undefined);
      }
    }
    const byName = new Map(
      coveredOperations.flatMap((o) =>
        negativeCases(model, o).map(
          (c) => [`${o.operationId}: ${c.name}`, c.decision?.pointer ?? "documented"] as const,
        ),
      ),
    );
    expect(Object.fromEntries(byName)).toMatchObject({
      "listAssignedFlows: missing required property /crmProspectsIds": "documented",
      "listAssignedFlows: a number instead of a string at /crmProspectsIds/0": "documented",
      "unassignFlowsByFlowInstanceIds: 201 items at /flowInstanceIds (maxItems 200)": "documented",
      "listAssignedFlows: unknown property /unexpectedProperty":
        "/components/schemas/ListAssignedFlowsRequest/additionalProperties",
      "listAssignedFlows: a string shorter than 1 at /crmProspectsIds/0": "/components/schemas/NonEmptyId/minLength",
      "unassignFlowsByCrmProspectId: a string shorter than 1 at /crmProspectId":
        "/components/schemas/NonEmptyId/minLength",
      "unassignFlowsByFlowInstanceIds: 0 items at /flowInstanceIds (minItems 1)":
        "/components/schemas/UnassignFlowsByFlowInstanceIdsRequest/properties/flowInstanceIds/minItems",
      "unassignFlowsByCrmProspectId: a malformed email at /unassignedByUserEmail":
        "/components/schemas/UserEmail/format",
      "listAssignedFlows: no credentials (no Authorization header)": "documented",
    });
  });

  it("reads every decision of the spec, and removes exactly those for what Gong documents", () => {
    const decisions = decisionsOf(model.spec);
    // Read from the x-gong-flows-decision of the schema that holds each keyword, in document order.
    expect(decisions.map((decision) => decision.pointer)).toEqual([
      "/components/schemas/NonEmptyId/minLength",
      "/components/schemas/UserEmail/format",
      "/components/schemas/DecimalId/pattern",
      "/components/schemas/AssignedFlowsLookup/oneOf",
      "/components/schemas/ListAssignedFlowsRequest/additionalProperties",
      "/components/schemas/ListAssignedFlowsRequest/properties/crmProspectsIds/minItems",
      "/components/schemas/UnassignFlowsByCrmProspectIdRequest/additionalProperties",
      "/components/schemas/UnassignFlowsByFlowInstanceIdsRequest/additionalProperties",
      "/components/schemas/UnassignFlowsByFlowInstanceIdsRequest/properties/flowInstanceIds/minItems",
      "/components/schemas/ListAssignedFlowsByFlowInstanceIdsRequest/additionalProperties",
      "/components/schemas/ListAssignedFlowsByFlowInstanceIdsRequest/properties/flowInstanceIds/minItems",
      "/components/schemas/FlowStepsRequest/additionalProperties",
      "/components/schemas/FlowStepsRequest/required",
      "/components/schemas/FlowStepsRequest/properties/flowIds/minItems",
      "/components/schemas/AssignProspectsRequest/additionalProperties",
      "/components/schemas/AssignProspectsRequest/properties/crmProspectsIds/minItems",
      "/components/schemas/AssignOverrides/additionalProperties",
      "/components/schemas/StepContentOverride/additionalProperties",
      "/components/schemas/StepContentOverride/properties/number/minimum",
      "/components/schemas/VariableValueOverride/additionalProperties",
      "/components/schemas/BulkAssignmentRequest/additionalProperties",
      "/components/schemas/BulkAssignmentRequest/properties/prospects/minItems",
      "/components/schemas/ProspectByCrmId/additionalProperties",
      "/components/schemas/ProspectByName/additionalProperties",
      "/components/schemas/ProspectEmail/format",
      "/components/schemas/FlowInstanceStatus/enum",
    ]);
    expect(decisions[0]).toMatchObject({
      schemaPointer: "/components/schemas/NonEmptyId",
      keyword: "minLength",
      reason: expect.stringMatching(/^No empty id: /),
    });
    const documented = withoutDecisions(model.spec) as Record<string, any>;
    const schemas = documented["components"]["schemas"];
    // The keyword goes, and its mark with it; a mark of other keywords stays.
    expect(schemas["NonEmptyId"]).toEqual({ type: "string" });
    expect(schemas["FlowInstanceStatus"]["enum"]).toBeUndefined();
    // A documented constraint stays.
    expect(schemas["UnassignFlowsByFlowInstanceIdsRequest"]["properties"]["flowInstanceIds"]["maxItems"]).toBe(200);
    expect(schemas["UnassignFlowsByFlowInstanceIdsRequest"]["required"]).toEqual(["flowInstanceIds"]);
    // The spec itself is untouched.
    expect((model.spec as Record<string, any>)["components"]["schemas"]["NonEmptyId"]["minLength"]).toBe(1);
  });

  it("refuses a schema keyword it cannot honour, rather than generating wrong data", () => {
    const spec = structuredClone(model.spec) as Record<string, any>;
    spec["components"]["schemas"]["NonEmptyId"]["pattern"] = "^[0-9]+$";
    const changed = createContractModel(spec);
    const list = changed.operation("listAssignedFlows");
    expect(() => validValueArbitrary(changed.spec, changed.requestSchemaPointer(list))).toThrow(/pattern/);
  });
});
