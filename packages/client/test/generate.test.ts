// `pnpm generate` on edited copies of the spec: the edits the spec is expected to go through (a schema
// renamed, `allOf` wrappers turned into `$ref` with sibling keywords, vendor extensions added, a new
// enum value) must generate the same checks, with no edit to the generator or the client.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateSources } from "../scripts/generate-sources.js";
import type { RawIssue } from "../src/generated/validators.js";

const pointerModule = "@gong-flows/spec-reader/json-pointer";
const specText = readFileSync(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8");
const freshSpec = (): any => parse(specText);

interface GeneratedValidators {
  requestBodyChecks: Record<string, (body: unknown, pointer: string, issues: RawIssue[]) => void>;
  okResponseChecks: Record<string, (body: unknown, issues: RawIssue[]) => boolean>;
}

/** Generates from `spec` and loads the validators module it produced (TypeScript, transpiled here). */
async function generatedFrom(spec: Record<string, unknown>) {
  const files = await generateSources(spec);
  const js = ts
    .transpileModule(files["validators.ts"], {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    // A data: URL module cannot resolve package names: the spec reader's escaping is imported by file URL.
    .outputText.replace(
      `"${pointerModule}"`,
      JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve(pointerModule)).href),
    );
  const validators = (await import(
    `data:text/javascript;base64,${Buffer.from(js).toString("base64")}`
  )) as GeneratedValidators;
  const okIssues = (operation: string, body: unknown) => {
    const issues: RawIssue[] = [];
    validators.okResponseChecks[operation]!(body, issues);
    return issues.map(([pointer, message]) => `${pointer}: ${message}`);
  };
  const requestIssues = (operation: string, body: unknown) => {
    const issues: RawIssue[] = [];
    validators.requestBodyChecks[operation]!(body, "", issues);
    return issues.map(([pointer, message]) => `${pointer}: ${message}`);
  };
  return { files, okIssues, requestIssues };
}

describe("generating from an edited spec", () => {
  it("finds each operation's answer schema by path, not by schema name", async () => {
    const spec = freshSpec();
    const answer = spec.paths["/v2/flows/prospects"].post.responses["200"].content["application/json"].schema;
    const name = answer.$ref.slice("#/components/schemas/".length);
    spec.components.schemas.SomeOtherName = spec.components.schemas[name];
    delete spec.components.schemas[name];
    answer.$ref = "#/components/schemas/SomeOtherName";
    const { files, okIssues } = await generatedFrom(spec);
    expect(okIssues("listAssignedFlows", { prospectsAssigned: {} })).toEqual(["/prospectsAssigned: must be an array"]);
    expect(files["routes.ts"]).toContain("isOk: okResponseChecks.listAssignedFlows");
  });

  it("keeps every rule whether an id is a $ref with sibling keywords or an allOf wrapper, x- extensions anywhere", async () => {
    /** The spec with the two ids of the by-CRM-id request written one way or the other. */
    const written = (form: "siblings" | "allOf") => {
      const spec = freshSpec();
      const request = spec.components.schemas.UnassignFlowsByCrmProspectIdRequest;
      for (const name of ["crmProspectId", "flowId"]) {
        const { $ref, allOf, ...siblings } = request.properties[name];
        const target = $ref ?? allOf[0].$ref;
        // Whether such a mark is well placed is the spec linter's concern; the generator skips x- keys anywhere.
        const decision = { "x-gong-flows-decision": { minLength: "ours: an empty id can only be a bug" } };
        request.properties[name] =
          form === "siblings"
            ? { $ref: target, ...siblings, ...decision }
            : { allOf: [{ $ref: target }], ...siblings, ...decision };
      }
      request["x-gong-flows-decision"] = { additionalProperties: "ours: no unknown properties" };
      return spec;
    };
    for (const form of ["siblings", "allOf"] as const) {
      const { requestIssues } = await generatedFrom(written(form));
      expect(requestIssues("unassignFlowsByCrmProspectId", { crmProspectId: "", flowId: 3, typo: 1 })).toEqual([
        "/typo: is not a known property (check its spelling)",
        "/crmProspectId: must not be empty",
        "/flowId: must be a string",
      ]);
    }
  });

  it("does not assert a date format on answers, whatever the spec decides about it", async () => {
    const spec = freshSpec();
    const { okIssues } = await generatedFrom(spec);
    expect(
      okIssues("listAssignedFlows", {
        prospectsAssigned: [
          { flowInstanceCreateDate: "2024-01-17T16:20:05-03:00" },
          { flowInstanceCreateDate: "17/01/2024" },
        ],
      }),
    ).toEqual([]);
  });

  it("lets an added enum value through the answer check, and into the open type", async () => {
    const spec = freshSpec();
    const documented = spec.components.schemas.FlowInstanceStatus.enum.map((value: string) => JSON.stringify(value));
    spec.components.schemas.FlowInstanceStatus.enum.push("Archived");
    const { files, okIssues } = await generatedFrom(spec);
    expect(okIssues("listAssignedFlows", { prospectsAssigned: [{ flowInstanceStatus: "NotYetKnown" }] })).toEqual([]);
    expect(files["documented-schema.ts"]).toContain(
      `FlowInstanceStatus: ${[...documented, '"Archived"'].join(" | ")} | (string & {});`,
    );
    expect(files["schema.ts"]).toContain(`FlowInstanceStatus: ${[...documented, '"Archived"'].join(" | ")};`);
  });

  it("keeps an enum closed in the types when only requests use it", async () => {
    const spec = freshSpec();
    spec.components.schemas.Priority = { type: "string", enum: ["low", "high"] };
    spec.components.schemas.ListAssignedFlowsRequest.properties.priority = { $ref: "#/components/schemas/Priority" };
    const { files, requestIssues } = await generatedFrom(spec);
    expect(files["schema.ts"]).toContain('Priority: "low" | "high";');
    expect(files["documented-schema.ts"]).toContain('Priority: "low" | "high";');
    expect(requestIssues("listAssignedFlows", { crmProspectsIds: ["a"], priority: "urgent" })).toEqual([
      '/priority: must be one of "low", "high"',
    ]);
  });

  it("refuses a keyword the generator does not implement, naming where it is", async () => {
    const spec = freshSpec();
    spec.components.schemas.AssignedFlow.properties.exclusive = { not: { type: "string" } };
    await expect(generatedFrom(spec)).rejects.toThrow(
      '#/components/schemas/AssignedFlow/properties/exclusive: the keyword "not" is not supported',
    );
  });
});
