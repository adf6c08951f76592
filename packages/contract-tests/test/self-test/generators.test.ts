// The request generators are part of the checks: a negative case the spec accepts would test
// nothing, and a "valid" body the spec rejects would blame the server for the generator's mistake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validValueArbitrary } from "../../src/requests/arbitrary.js";
import { bodyMutations } from "../../src/requests/mutations.js";
import { asText, inputMutations } from "../../src/requests/input-mutations.js";
import { negativeCases, type NegativeCase } from "../../src/requests/negative-cases.js";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { sampleValue } from "../../src/requests/sample.js";
import { decisionsOf, withoutDecisions } from "../../src/spec/decisions.js";
import { createContractModel, documentedAccepts } from "../../src/spec/model.js";
import { model } from "../support/model.js";

/** What a negative case sends, as the server reads it: the JSON body, or the parameters read back as text. */
function sentInput(operation: OperationSpec, negative: NegativeCase): unknown {
  if (model.inputKind(operation) === "body") return JSON.parse(negative.shape.bodyText ?? "null");
  return asText(model, model.parameters(operation), { ...negative.shape.query, ...negative.shape.path });
}

describe("request generators", () => {
  for (const operation of model.operations) {
    for (const schemaAt of model.inputForms(operation)) {
      const form = `${operation.operationId} (${schemaAt.split("/").pop()})`;

      it(`${form}: every negative input breaks the spec exactly where it says`, () => {
        const valid = sampleValue(model.spec, schemaAt);
        expect(model.validator.issues(schemaAt, valid)).toEqual([]);
        const mutations = inputMutations(model, operation, schemaAt, valid);
        // A bulk assignment's job id is a path parameter alone, which is never sent broken.
        if (operation.operationId !== "getBulkAssignment") expect(mutations.length).toBeGreaterThan(1);
        const kind = model.inputKind(operation);
        for (const mutation of mutations) {
          const broken = mutation.apply(valid);
          const issues = model.validator.issues(
            schemaAt,
            kind === "body" ? broken : asText(model, model.parameters(operation), broken),
          );
          const where = [mutation.pointer, ...(mutation.alternativesAt === undefined ? [] : [mutation.alternativesAt])];
          expect(
            issues.some((i) => where.includes(i.pointer)),
            `${mutation.name}: ${JSON.stringify(issues.map((i) => i.pointer))}`,
          ).toBe(true);
          expect(
            issues.map((i) => i.keyword),
            mutation.name,
          ).toContain(mutation.keyword);
        }
      });

      it(`${form}: 1,000 generated valid inputs are all valid`, () => {
        fc.assert(
          fc.property(validValueArbitrary(model.spec, schemaAt), (body) => model.validator.isValid(schemaAt, body)),
          { numRuns: 1_000, seed: 7 },
        );
      });
    }
  }

  it("derives the documented bounds: no list id may be empty, and 201 flow instance ids are too many", () => {
    const names = model.operations.flatMap((o) =>
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
    for (const operation of model.operations) {
      for (const negative of negativeCases(model, operation)) {
        if (negative.kind !== "body" && negative.kind !== "parameters") continue;
        // Against the spec without its decisions (what Gong documents), a decision's broken request is
        // valid and a documented rule's broken request is not.
        const gongAccepts = documentedAccepts(model, operation, sentInput(operation, negative));
        expect(gongAccepts, `${operation.operationId}: ${negative.name}`).toBe(negative.decision !== undefined);
      }
    }
    const byName = new Map(
      model.operations.flatMap((o) =>
        negativeCases(model, o).map(
          (c) => [`${o.operationId}: ${c.name}`, c.decision?.pointer ?? "documented"] as const,
        ),
      ),
    );
    expect(Object.fromEntries(byName)).toMatchObject({
      // Gong's published spec makes both lists optional: a body with neither breaks only our oneOf.
      "listAssignedFlows: missing required property /crmProspectsIds (by crmProspectsIds)":
        "/components/schemas/AssignedFlowsLookup/oneOf",
      "listAssignedFlows: a number instead of a string at /crmProspectsIds/0 (by crmProspectsIds)": "documented",
      "listAssignedFlows: a number instead of a string at /flowInstanceIds/0 (by flowInstanceIds)": "documented",
      "unassignFlowsByFlowInstanceIds: 201 items at /flowInstanceIds (maxItems 200)": "documented",
      "listAssignedFlows: unknown property /unexpectedProperty (by crmProspectsIds)":
        "/components/schemas/ListAssignedFlowsRequest/additionalProperties",
      "listAssignedFlows: a string shorter than 1 at /crmProspectsIds/0 (by crmProspectsIds)":
        "/components/schemas/NonEmptyId/minLength",
      "listFlows: missing required property /flowOwnerEmail": "documented",
      "listFlows: a string instead of a boolean at /mostRecentlyAssigned": "documented",
      "listFlowFolders: a string not matching ^[0-9]+$ at /parentId": "/components/schemas/DecimalId/pattern",
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
    const spec = structuredClone(model.source) as Record<string, any>;
    spec["components"]["schemas"]["ListAssignedFlowsRequest"]["properties"]["crmProspectsIds"]["contains"] = {
      const: "a5V1Q00A120DP4CVAW",
    };
    const changed = createContractModel(spec);
    const list = changed.operation("listAssignedFlows");
    expect(() => validValueArbitrary(changed.spec, changed.requestSchemaPointer(list))).toThrow(/contains/);
  });
});
