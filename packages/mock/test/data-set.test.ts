// The data the mock serves: checked against the spec's AssignedFlow (plus the ids the mock needs),
// with a JSON pointer for every problem; the default data set; generated data sets.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@gong-flows/spec-reader";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultAssignedFlows,
  generateAssignedFlows,
  GongMockInputError,
  parseDataSet,
  readDataFile,
} from "../src/node.js";
import { specSchemas } from "../src/generated/spec-schemas.js";
import { identityFields } from "../src/data-set.js";

/** The spec's AssignedFlow as written in spec/openapi.yaml (the generated schemas drop its examples). */
const specAssignedFlow = (
  (await readSpec(fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url)))) as {
    components: {
      schemas: {
        AssignedFlow: { properties: Record<string, { type?: unknown }>; examples: Record<string, unknown>[] };
      };
    };
  }
).components.schemas.AssignedFlow;

const valid = { flowInstanceId: "i1", crmProspectId: "p1", flowId: "f1" };

describe("parseDataSet", () => {
  it.each([
    [
      "a wrong status",
      { assignedFlows: [{ ...valid, flowInstanceStatus: "Stopped" }] },
      '/assignedFlows/0/flowInstanceStatus: must be one of "Running", "Pending", "Paused", "Finished", "FinishedNoReply", "FinishedResponse"',
    ],
    [
      "a wrong type",
      { assignedFlows: [valid, { ...valid, flowInstanceId: "i2", exclusive: "yes" }] },
      "/assignedFlows/1/exclusive: must be boolean",
    ],
    // The spec promises ISO-8601 dates as strings, and declares no format on them (responses are
    // tolerant); the mock holds its own data to ISO-8601 (RFC 3339's date-time).
    [
      "a date that is not a string",
      { assignedFlows: [{ ...valid, flowInstanceCreateDate: 20250101 }] },
      "/assignedFlows/0/flowInstanceCreateDate: must be string",
    ],
    [
      "a date that is not ISO-8601",
      { assignedFlows: [{ ...valid, flowInstanceCreateDate: "yesterday" }] },
      "/assignedFlows/0/flowInstanceCreateDate: must be a valid date-time",
    ],
    [
      "a date without an offset",
      { assignedFlows: [{ ...valid, flowInstanceCreateDate: "2025-01-01T10:00:00" }] },
      "/assignedFlows/0/flowInstanceCreateDate: must be a valid date-time",
    ],
    [
      "a missing flow instance id",
      { assignedFlows: [{ crmProspectId: "p", flowId: "f" }] },
      "/assignedFlows/0/flowInstanceId: is required",
    ],
    [
      "an empty prospect id",
      { assignedFlows: [{ ...valid, crmProspectId: "" }] },
      "/assignedFlows/0/crmProspectId: must NOT have fewer than 1 characters",
    ],
    [
      "a flow instance id twice",
      { assignedFlows: [valid, { ...valid, crmProspectId: "p2" }] },
      '/assignedFlows/1/flowInstanceId: "i1" is already the id of /assignedFlows/0',
    ],
    ["a misspelt top-level key", { assignedFlow: [valid] }, "/assignedFlow: is not a known property"],
    ["no list at all", {}, "(document): must hold at least one of assignedFlows, flows, folders, steps, crmProspects"],
    ["a list that is not one", { assignedFlows: valid }, "/assignedFlows: must be array"],
  ])("refuses %s, naming it by its JSON pointer", (_name, value, message) => {
    expect(() => parseDataSet(value, "flows.json")).toThrow(GongMockInputError);
    expect(() => parseDataSet(value, "flows.json")).toThrow(message);
  });

  it("reports every problem at once", () => {
    const error = (() => {
      try {
        parseDataSet({ assignedFlows: [{ flowId: 1 }, { ...valid, workspaceId: 2 }] }, "x");
      } catch (e) {
        return e as GongMockInputError;
      }
    })();
    expect(error?.issues.map((issue) => issue.path).sort()).toEqual([
      "/assignedFlows/0/crmProspectId",
      "/assignedFlows/0/flowId",
      "/assignedFlows/0/flowInstanceId",
      "/assignedFlows/1/workspaceId",
    ]);
  });

  it("keeps properties the spec does not list, as Gong's answers may carry them (responses are tolerant)", () => {
    expect(parseDataSet({ assignedFlows: [{ ...valid, flowInstanceSource: "api" }] }).assignedFlows).toEqual([
      { ...valid, flowInstanceSource: "api" },
    ]);
  });

  it("follows the spec: the AssignedFlow it checks is the spec's, from the generated schemas", () => {
    expect(Object.keys(specSchemas.$defs.AssignedFlow.properties)).toEqual(Object.keys(specAssignedFlow.properties));
    // The ids the mock addresses flow instances by are properties of the spec's AssignedFlow.
    expect(Object.keys(specAssignedFlow.properties)).toEqual(expect.arrayContaining([...identityFields]));
  });

  it("checks the type of every property the spec declares with one, whatever the spec adds", () => {
    const typed = Object.entries(specAssignedFlow.properties).filter(([, schema]) => typeof schema.type === "string");
    expect(typed.length).toBeGreaterThan(5);
    for (const [name, schema] of typed) {
      const wrong = schema.type === "string" ? 42 : "not of its type";
      expect(() => parseDataSet({ assignedFlows: [{ ...valid, [name]: wrong }] }), name).toThrow(
        `/assignedFlows/0/${name}: must be ${schema.type}`,
      );
    }
  });
});

describe("the default data set", () => {
  it("is valid, and every flow instance has the same fields, each a property of the spec's AssignedFlow", () => {
    expect(parseDataSet({ assignedFlows: defaultAssignedFlows }).assignedFlows).toHaveLength(5);
    const fields = Object.keys(defaultAssignedFlows[0]!).sort();
    for (const flow of defaultAssignedFlows) expect(Object.keys(flow).sort()).toEqual(fields);
    // A property the spec gains is served once the data carries it; until then the data is still valid.
    expect(Object.keys(specAssignedFlow.properties)).toEqual(expect.arrayContaining(fields));
  });

  it("carries every field of the spec's own AssignedFlow example", () => {
    for (const flow of defaultAssignedFlows)
      expect(Object.keys(flow)).toEqual(expect.arrayContaining(Object.keys(specAssignedFlow.examples[0]!)));
  });

  it("starts with the spec's own example", () => {
    expect(defaultAssignedFlows[0]).toMatchObject({
      flowInstanceId: "1234361284629356",
      crmProspectId: "a5V1Q00A120DP4CVAW",
      flowName: "SDR Flow",
    });
  });
});

describe("generateAssignedFlows", () => {
  it("makes the same valid data set every time, cycling the flows per prospect", () => {
    const flows = generateAssignedFlows({ prospects: 4, flowsPerProspect: [1, 3] });
    expect(flows.map((f) => `${f.crmProspectId}/${f.flowName}`)).toEqual([
      "prospect-00001/SDR Flow",
      "prospect-00002/SDR Flow",
      "prospect-00002/Nurture Flow",
      "prospect-00003/SDR Flow",
      "prospect-00003/Nurture Flow",
      "prospect-00003/Event Follow-up",
      "prospect-00004/SDR Flow",
    ]);
    expect(generateAssignedFlows({ prospects: 4, flowsPerProspect: [1, 3] })).toEqual(flows);
    expect(parseDataSet({ assignedFlows: flows }).assignedFlows).toEqual(flows);
  });

  it("refuses impossible counts", () => {
    expect(() => generateAssignedFlows({ prospects: -1 })).toThrow(RangeError);
    expect(() => generateAssignedFlows({ prospects: 1, flowsPerProspect: [3, 1] })).toThrow(RangeError);
    expect(() => generateAssignedFlows({ prospects: 1, flowsPerProspect: 9 })).toThrow(RangeError);
  });
});

describe("readDataFile", () => {
  let dir: string;
  let scratch: ScratchDir;
  beforeAll(async () => {
    scratch = await scratchDir("gong-flows-mock-data-");
    dir = scratch.path;
  });
  afterAll(() => scratch.remove());

  const fileWith = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it("reads a valid file", async () => {
    const file = await fileWith("ok.json", JSON.stringify({ assignedFlows: [valid] }));
    expect(await readDataFile(file)).toEqual({
      assignedFlows: [valid],
      flows: [],
      folders: [],
      steps: {},
      crmProspects: [],
    });
  });

  it("names the file and the JSON pointer of a problem", async () => {
    const file = await fileWith(
      "bad.json",
      JSON.stringify({ assignedFlows: [valid, { ...valid, flowInstanceId: "i2", flowInstanceStatus: "Done" }] }),
    );
    await expect(readDataFile(file)).rejects.toThrow(
      `${file} is not valid:\n  /assignedFlows/1/flowInstanceStatus: must be one of "Running", "Pending", "Paused", "Finished", "FinishedNoReply", "FinishedResponse"`,
    );
  });

  it("names the line and column of JSON that does not parse", async () => {
    const file = await fileWith("broken.json", '{\n  "assignedFlows": [\n    { "flowInstanceId": "i1", }\n  ]\n}\n');
    await expect(readDataFile(file)).rejects.toThrow(
      /broken\.json is not valid:\n {2}\(document\): is not valid JSON at line 3, column \d+/,
    );
  });

  it("says when the file cannot be read", async () => {
    await expect(readDataFile(join(dir, "missing.json"))).rejects.toThrow(
      "missing.json is not valid:\n  (document): cannot be read (ENOENT)",
    );
  });
});
