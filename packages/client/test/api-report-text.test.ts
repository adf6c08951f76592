// The client's API report shows the declarations generated from the spec by name only, so that an
// additive spec edit leaves it unchanged while every hand-written declaration stays reported in full.
import { describe, expect, it } from "vitest";
import { generatedBody, generatedDeclarationNames, reportedByName } from "../scripts/api-report-text.js";

const report = [
  "// @public",
  "export interface components {",
  "    schemas: {",
  "        AssignedFlow: {",
  "            flowId?: string;",
  "        };",
  "    };",
  "}",
  "",
  "// @public",
  "export interface GongFlowsClient {",
  "    readonly baseUrl: string;",
  "}",
  "",
  "// @public",
  "export type OperationName = keyof operations;",
  "",
].join("\n");

describe("the API report's generated declarations", () => {
  it("are the interfaces the generated types file exports", () => {
    const source =
      "export interface paths {\n}\nexport type webhooks = Record<string, never>;\nexport interface components {\n}\n";
    expect(generatedDeclarationNames(source)).toEqual(["paths", "components"]);
  });

  it("are reported by name, every other declaration in full", () => {
    const shown = reportedByName(report, ["components", "operations", "paths"]);
    expect(shown).toContain(`export interface components {\n${generatedBody}\n}\n`);
    expect(shown).not.toContain("flowId?: string;");
    expect(shown).toContain("export interface GongFlowsClient {\n    readonly baseUrl: string;\n}");
    expect(shown).toContain("export type OperationName = keyof operations;");
  });

  it("leave the report unchanged by a property added to a generated declaration", () => {
    const added = report.replace("flowId?: string;", "flowId?: string;\n            flowLabel?: string;");
    expect(reportedByName(added, ["components"])).toBe(reportedByName(report, ["components"]));
  });

  it("still show a change of a hand-written declaration", () => {
    const changed = report.replace(
      "readonly baseUrl: string;",
      "readonly baseUrl: string;\n    readonly region: string;",
    );
    expect(reportedByName(changed, ["components"])).not.toBe(reportedByName(report, ["components"]));
  });

  it("refuse a report whose generated declaration is not closed", () => {
    expect(() => reportedByName("export interface paths {\n    a: string;\n", ["paths"])).toThrow("not closed");
  });
});
