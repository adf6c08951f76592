// The data set's flows, folders, steps and CRM prospects: checked against the spec's schemas (Flow,
// FlowFolder, FlowStep, AssignmentProspect) plus the mock's own rules, every problem by its pointer.
import { fileURLToPath } from "node:url";
import { readSpec } from "@gong-flows/spec-reader";
import { describe, expect, it } from "vitest";
import { defaultDataSet, GongMockInputError, parseDataSet } from "../src/index.js";

type SchemaOf = { properties: Record<string, { type?: unknown; $ref?: unknown }> };
const specSchemas = (
  (await readSpec(fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url)))) as {
    components: { schemas: Record<string, SchemaOf> };
  }
).components.schemas;

const flow = { id: "f1", name: "First" };
const issuesOf = (value: unknown): string[] => {
  try {
    parseDataSet(value, "data.json");
  } catch (error) {
    if (error instanceof GongMockInputError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
};

describe("parseDataSet: flows, folders, steps, CRM prospects", () => {
  it.each([
    ["a flow without a name", { flows: [{ id: "f1" }] }, "/flows/0/name: is required"],
    [
      "a visibility the spec does not list",
      { flows: [{ ...flow, visibility: "Team" }] },
      '/flows/0/visibility: must be one of "Company", "Personal", "Shared"',
    ],
    [
      "a creation date that is not ISO-8601",
      { flows: [{ ...flow, creationDate: "last year" }] },
      "/flows/0/creationDate: must be a valid date-time",
    ],
    [
      "a Personal flow without its owner",
      { flows: [{ ...flow, visibility: "Personal" }] },
      "/flows/0/ownerEmail: is required for a Personal flow: it says who sees it",
    ],
    [
      "a Shared folder without its owner",
      { folders: [{ ...flow, visibility: "Shared" }] },
      "/folders/0/ownerEmail: is required for a Shared folder: it says who sees it",
    ],
    [
      "an owner that is not an email",
      { flows: [{ ...flow, ownerEmail: "me" }] },
      "/flows/0/ownerEmail: must be a valid email",
    ],
    [
      "a flow id twice",
      { flows: [flow, { ...flow, name: "Again" }] },
      '/flows/1/id: "f1" is already the id of /flows/0',
    ],
    [
      "steps of a flow the data set does not have",
      { flows: [flow], steps: { f2: [] } },
      "/steps/f2: names no flow of /flows or /assignedFlows",
    ],
    [
      "a step action the spec does not list",
      { flows: [flow], steps: { f1: [{ action: "FAX" }] } },
      "/steps/f1/0/action: must be one of",
    ],
    ["a CRM prospect without its id", { crmProspects: [{ firstName: "Ada" }] }, "/crmProspects/0/crmId: is required"],
    [
      "a CRM prospect id twice",
      { crmProspects: [{ crmId: "c" }, { crmId: "c" }] },
      '/crmProspects/1/crmId: "c" is already the id of /crmProspects/0',
    ],
  ])("refuses %s, naming it by its JSON pointer", (_name, value, message) => {
    expect(issuesOf(value).join("\n")).toContain(message);
  });

  it("reads a data file of the first format (flow instances only), the others empty", () => {
    const instance = { flowInstanceId: "i", crmProspectId: "p", flowId: "f" };
    expect(parseDataSet({ assignedFlows: [instance] })).toEqual({
      assignedFlows: [instance],
      flows: [],
      folders: [],
      steps: {},
      crmProspects: [],
    });
  });

  it("accepts steps of a flow that only the flow instances name", () => {
    expect(
      issuesOf({ assignedFlows: [{ flowInstanceId: "i", crmProspectId: "p", flowId: "f" }], steps: { f: [] } }),
    ).toEqual([]);
  });

  it("checks the type of every property the spec's schemas declare with one, whatever the spec adds", () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ["flows", "Flow", flow],
      ["folders", "FlowFolder", flow],
      ["crmProspects", "AssignmentProspect", { crmId: "c" }],
    ];
    for (const [key, schema, valid] of cases) {
      const typed = Object.entries(specSchemas[schema]!.properties).filter(([, s]) => typeof s.type === "string");
      expect(typed.length, schema).toBeGreaterThan(2);
      for (const [name, property] of typed) {
        const wrong = property.type === "string" ? 42 : "not of its type";
        expect(issuesOf({ [key]: [{ ...valid, [name]: wrong }] }), `${schema}.${name}`).toContain(
          `/${key}/0/${name}: must be ${String(property.type)}`,
        );
      }
    }
    const stepProperties = Object.entries(specSchemas["FlowStep"]!.properties).filter(
      ([, s]) => typeof s.type === "string",
    );
    for (const [name, property] of stepProperties) {
      const wrong = property.type === "string" ? 42 : "not of its type";
      expect(issuesOf({ flows: [flow], steps: { f1: [{ [name]: wrong }] } })).toContain(
        `/steps/f1/0/${name}: must be ${String(property.type)}`,
      );
    }
  });

  it("the default data set is valid, and its flows and steps use only properties of the spec's schemas (or the mock's own)", () => {
    expect(parseDataSet(defaultDataSet)).toEqual(JSON.parse(JSON.stringify(defaultDataSet)));
    const mockKeys = ["ownerEmail", "sharedWithEmails", "workspaceId", "description", "parentId"];
    const allowed = (schema: string) => [...Object.keys(specSchemas[schema]!.properties), ...mockKeys];
    for (const item of defaultDataSet.flows) expect(allowed("Flow")).toEqual(expect.arrayContaining(Object.keys(item)));
    for (const item of defaultDataSet.folders)
      expect(allowed("FlowFolder")).toEqual(expect.arrayContaining(Object.keys(item)));
    for (const step of Object.values(defaultDataSet.steps).flat())
      expect(Object.keys(specSchemas["FlowStep"]!.properties)).toEqual(expect.arrayContaining(Object.keys(step)));
  });
});
