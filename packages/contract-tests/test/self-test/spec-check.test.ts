// Check 1 must be able to fail: broken copies of the spec (the real file is never touched) must be
// rejected at the place they break, and the validator must really speak OpenAPI 3.1.
import { describe, expect, it } from "vitest";
import {
  checkDecisionsOf,
  checkExamplesOf,
  checkOpenApiStructure,
  checkSchemaValidity,
  checkSpecDocument,
} from "../../src/checks/spec-document.js";
import { decisionsOf } from "../../src/spec/decisions.js";
import type { OpenApiDocument } from "../../src/spec/document.js";
import { pointer } from "@gong-flows/spec-reader";
import { documentedStatuses, model } from "../support/model.js";

const original = model.source;

/** A deep copy of the spec with one edit applied. */
function broken(edit: (spec: Record<string, any>) => void): OpenApiDocument {
  const copy = structuredClone(original) as Record<string, any>;
  edit(copy);
  return copy;
}

const listPath = "/v2/flows/prospects";

describe("check 1 catches a broken spec", () => {
  it("passes the spec as committed", async () => {
    expect(await checkSpecDocument(original)).toEqual([]);
  });

  it("validates against OpenAPI 3.1 itself: 3.1-only features pass as 3.1.0 and fail as 3.0.3", async () => {
    const onlyIn31 = broken((spec) => {
      spec["info"]["license"] = { name: "MIT", identifier: "MIT" };
      spec["components"]["schemas"]["NullableId"] = { type: ["string", "null"] };
    });
    expect(await checkOpenApiStructure(onlyIn31)).toEqual([]);
    const labelled30 = { ...onlyIn31, openapi: "3.0.3" };
    const violations = await checkOpenApiStructure(labelled30);
    expect(violations).toContainEqual(
      expect.objectContaining({ operation: "spec", where: "/openapi", actual: '"3.0.3"' }),
    );
    // Beyond the version check of the suite: the validator applied the 3.0 schema and found 3.1 syntax.
    expect(violations.filter((v) => v.where !== "/openapi").length).toBeGreaterThan(0);
  });

  it("a response without its required description", async () => {
    const spec = broken((s) => delete s["paths"][listPath]["post"]["responses"]["200"]["description"]);
    expect(await checkOpenApiStructure(spec)).toContainEqual(
      expect.objectContaining({
        where: pointer("paths", listPath, "post", "responses", "200"),
        expected: expect.stringContaining("description"),
      }),
    );
  });

  it("a document without info.version", async () => {
    const spec = broken((s) => delete s["info"]["version"]);
    expect(await checkOpenApiStructure(spec)).toContainEqual(
      expect.objectContaining({ where: "/info", expected: expect.stringContaining("version") }),
    );
  });

  it("a schema with an unknown type", () => {
    const spec = broken((s) => (s["components"]["schemas"]["NonEmptyId"]["type"] = "strnig"));
    expect(checkSchemaValidity(spec)).toContainEqual(
      expect.objectContaining({ where: "/components/schemas/NonEmptyId/type" }),
    );
  });

  it("a schema with a misspelled keyword (strict mode: not silently ignored)", () => {
    const spec = broken(
      (s) => (s["components"]["schemas"]["ListAssignedFlowsRequest"]["properties"]["crmProspectsIds"]["minItem"] = 1),
    );
    expect(checkSchemaValidity(spec)).toContainEqual(
      expect.objectContaining({
        where: "/components/schemas/ListAssignedFlowsRequest",
        actual: expect.stringContaining("minItem"),
      }),
    );
  });

  it("a schema example that breaks its schema", () => {
    const spec = broken(
      (s) => (s["components"]["schemas"]["AssignedFlow"]["examples"][0]["flowInstanceStatus"] = "Stopped"),
    );
    expect(checkExamplesOf(spec)).toEqual([
      expect.objectContaining({
        where: "/components/schemas/AssignedFlow/examples/0/flowInstanceStatus",
        expected: documentedStatuses,
        actual: '"Stopped"',
      }),
    ]);
  });

  it("a response example that breaks its schema", () => {
    const spec = broken(
      (s) =>
        (s["paths"][listPath]["post"]["responses"]["200"]["content"]["application/json"]["example"][
          "prospectsAssigned"
        ][0]["exclusive"] = "yes"),
    );
    expect(checkExamplesOf(spec)).toEqual([
      expect.objectContaining({
        where: `${pointer("paths", listPath, "post", "responses", "200", "content", "application/json", "example")}/prospectsAssigned/0/exclusive`,
        expected: "type boolean",
      }),
    ]);
  });

  it("a request example that breaks the strict request schema", () => {
    const spec = broken(
      (s) =>
        (s["paths"][listPath]["post"]["requestBody"]["content"]["application/json"]["example"] = {
          crmProspectIds: ["a"],
        }),
    );
    const where = pointer("paths", listPath, "post", "requestBody", "content", "application/json", "example");
    expect(checkExamplesOf(spec)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ where: `${where}/crmProspectsIds`, actual: "absent" }),
        expect.objectContaining({
          where: `${where}/crmProspectIds`,
          expected: "no such property (additionalProperties: false)",
        }),
      ]),
    );
  });

  it("an example beside a schema that does not compile: reported, not thrown", () => {
    const spec = broken((s) => (s["components"]["headers"]["RetryAfter"]["schema"]["type"] = "string"));
    expect(checkExamplesOf(spec)).toContainEqual(
      expect.objectContaining({
        where: "/components/headers/RetryAfter/schema/examples/0",
        expected: "an example of a schema that compiles",
      }),
    );
  });

  it("a header example of the wrong type", () => {
    const spec = broken((s) => (s["components"]["headers"]["RetryAfter"]["schema"]["examples"] = ["2 seconds"]));
    expect(checkExamplesOf(spec)).toEqual([
      expect.objectContaining({ where: "/components/headers/RetryAfter/schema/examples/0", expected: "type integer" }),
    ]);
  });

  it("a decision naming a keyword its schema lacks, one without a reason, one beside a $ref: reported and not read", async () => {
    const mark = "x-gong-flows-decision";
    const spec = broken((s) => {
      const schemas = s["components"]["schemas"];
      schemas["NonEmptyId"][mark]["maxLength"] = "Ids are short.";
      schemas["UserEmail"][mark]["format"] = "  ";
      // A $ref's siblings do not hold its target's keywords (OpenAPI 3.1): minLength is NonEmptyId's.
      schemas["UnassignFlowsByCrmProspectIdRequest"]["properties"]["flowId"][mark] = { minLength: "No empty flow id." };
    });
    const at = (...tokens: string[]) => pointer("components", "schemas", ...tokens);
    const violations = checkDecisionsOf(spec);
    expect(violations).toEqual([
      expect.objectContaining({
        where: at("NonEmptyId", mark, "maxLength"),
        actual: '"maxLength", which that schema does not have',
      }),
      expect.objectContaining({
        where: at("UserEmail", mark, "format"),
        expected: "the reason for the decision (a non-empty string)",
      }),
      expect.objectContaining({
        where: at("UnassignFlowsByCrmProspectIdRequest", "properties", "flowId", mark, "minLength"),
        actual: expect.stringContaining(
          "a $ref's siblings do not hold the keywords of #/components/schemas/NonEmptyId",
        ),
      }),
    ]);
    expect(await checkSpecDocument(spec)).toEqual(expect.arrayContaining(violations));
    // Only well-formed marks are decisions: the email format is no longer one, minLength still is.
    const read = decisionsOf(spec).map((decision) => decision.pointer);
    expect(read).not.toContain(at("UserEmail", "format"));
    expect(read).toContain(at("NonEmptyId", "minLength"));
  });

  it("a decision mark that is not a map of keywords, or that sits on something other than a schema", () => {
    const spec = broken((s) => {
      s["components"]["schemas"]["FlowInstanceStatus"]["x-gong-flows-decision"] = "Closed to the documented values.";
      s["paths"][listPath]["post"]["x-gong-flows-decision"] = { summary: "Ours." };
      // A property may be named like the mark: a name, not a mark.
      s["components"]["schemas"]["AssignedFlow"]["properties"]["x-gong-flows-decision"] = { type: "string" };
    });
    expect(checkDecisionsOf(spec)).toEqual([
      expect.objectContaining({
        where: "/components/schemas/FlowInstanceStatus/x-gong-flows-decision",
        expected: expect.stringContaining("an object mapping"),
      }),
      expect.objectContaining({
        where: pointer("paths", listPath, "post", "x-gong-flows-decision"),
        expected: "x-gong-flows-decision on a Schema Object only",
      }),
    ]);
  });
});
