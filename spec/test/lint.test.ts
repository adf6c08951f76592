// The spec's lint gate must be able to fail: each test feeds Spectral a deliberately broken copy of
// spec/openapi.yaml (written to a temporary directory, the real file is never touched) and checks
// that the rule meant to catch that break reports it, at the place it happened, as an error.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument, type Document } from "yaml";

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(specDir, "..");
const spectral = join(repoRoot, "node_modules/.bin/spectral");

interface Finding {
  code: string;
  message: string;
  path: string[];
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
}

let workDir: ScratchDir;
let original: string;

beforeAll(async () => {
  workDir = await scratchDir("gong-flows-spec-lint-");
  original = await readFile(join(specDir, "openapi.yaml"), "utf8");
});
afterAll(async () => {
  await workDir.remove();
});

/** Runs the project's Spectral ruleset on a YAML text; resolves with the findings and exit code. */
async function lint(yamlText: string, name: string): Promise<{ exitCode: number; findings: Finding[] }> {
  const file = join(workDir.path, `${name}.yaml`);
  await writeFile(file, yamlText);
  return new Promise((resolvePromise, reject) => {
    execFile(
      spectral,
      ["lint", "--fail-severity=warn", "--format=json", "--quiet", "--ruleset", join(specDir, ".spectral.yaml"), file],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        try {
          const findings = stdout.trim() ? (JSON.parse(stdout) as Finding[]) : [];
          resolvePromise({ exitCode, findings });
        } catch {
          reject(new Error(`spectral printed no JSON (exit ${exitCode}): ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Applies an edit to a fresh parse of the real spec and returns the broken copy's text. */
function broken(edit: (doc: Document) => void): string {
  const doc = parseDocument(original);
  edit(doc);
  return doc.toString();
}

const errorsOf = (findings: Finding[], code: string) => findings.filter((f) => f.code === code && f.severity === 0);

describe("pnpm lint:spec", () => {
  it("passes the spec as committed, with no finding at all", async () => {
    const { exitCode, findings } = await lint(original, "clean");
    expect(findings).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("rejects a response example that does not match its schema", async () => {
    const text = broken((doc) =>
      doc.setIn(
        ["paths", "/v2/flows/prospects", "post", "responses", "200", "content", "application/json", "example", "prospectsAssigned", 0, "flowInstanceStatus"],
        "Stopped",
      ),
    );
    const { exitCode, findings } = await lint(text, "invalid-example");
    expect(exitCode).not.toBe(0);
    const [finding] = errorsOf(findings, "oas3-valid-media-example");
    expect(finding?.path.join(".")).toContain("prospectsAssigned.0.flowInstanceStatus");
  });

  it("rejects a schema example that does not match its schema", async () => {
    const text = broken((doc) =>
      doc.setIn(["components", "schemas", "UnassignFlowsByFlowInstanceIdsRequest", "examples", 0, "flowInstanceIds"], []),
    );
    const { exitCode, findings } = await lint(text, "invalid-schema-example");
    expect(exitCode).not.toBe(0);
    expect(errorsOf(findings, "gong-schema-examples").length).toBeGreaterThan(0);
  });

  it("rejects a 429 response without Retry-After", async () => {
    const text = broken((doc) => doc.deleteIn(["components", "responses", "TooManyRequests", "headers"]));
    const { exitCode, findings } = await lint(text, "no-retry-after");
    expect(exitCode).not.toBe(0);
    expect(errorsOf(findings, "gong-429-retry-after").length).toBeGreaterThan(0);
  });

  it("rejects a Retry-After that is not an integer", async () => {
    const text = broken((doc) => doc.setIn(["components", "headers", "RetryAfter", "schema", "type"], "string"));
    const { exitCode, findings } = await lint(text, "string-retry-after");
    expect(exitCode).not.toBe(0);
    expect(errorsOf(findings, "gong-429-retry-after").length).toBeGreaterThan(0);
  });

  it("rejects an error response that does not use the shared error body", async () => {
    const text = broken((doc) =>
      doc.setIn(["paths", "/v2/flows/prospects/unassign-flows-by-instance-id", "post", "responses", "500"], {
        description: "Failed",
        content: { "application/json": { schema: { type: "object" } } },
      }),
    );
    const { exitCode, findings } = await lint(text, "inline-error");
    expect(exitCode).not.toBe(0);
    const [finding] = errorsOf(findings, "gong-error-response-schema");
    expect(finding?.message).toContain("response 500 must use the shared error body");
  });

  it("rejects an operation without a summary, an operationId or a tag", async () => {
    const op = ["paths", "/v2/flows/prospects/unassign-flows-by-crm-id", "post"];
    const text = broken((doc) => {
      doc.deleteIn([...op, "summary"]);
      doc.deleteIn([...op, "operationId"]);
      doc.deleteIn([...op, "tags"]);
    });
    const { exitCode, findings } = await lint(text, "bare-operation");
    expect(exitCode).not.toBe(0);
    for (const code of ["gong-operation-summary", "gong-operation-operation-id", "gong-operation-single-tag"]) {
      expect(errorsOf(findings, code), code).toHaveLength(1);
    }
  });

  it("marks each decision on its schema: x-gong-flows-decision names keywords of that schema, each with a reason", async () => {
    const schemas = ["components", "schemas"];
    const text = broken((doc) => {
      // A decision left behind by a schema edit, one about an annotation, and one without its reason.
      doc.setIn([...schemas, "NonEmptyId", "x-gong-flows-decision", "maxLength"], "Ids are short, our decision.");
      doc.setIn([...schemas, "UserEmail", "x-gong-flows-decision", "description"], "Not a constraint at all.");
      doc.setIn([...schemas, "NonEmptyId", "x-gong-flows-decision", "minLength"], "");
      // A $ref's siblings do not hold its target's keywords (OpenAPI 3.1): minLength is NonEmptyId's.
      doc.setIn(
        [...schemas, "UnassignFlowsByCrmProspectIdRequest", "properties", "flowId", "x-gong-flows-decision"],
        doc.createNode({ minLength: "No empty flow id." }),
      );
      // Not a map of keywords at all.
      doc.setIn([...schemas, "FlowInstanceStatus", "x-gong-flows-decision"], "Closed to the documented values.");
      // On something that is not a schema: read by no one.
      doc.setIn(["paths", "/v2/flows/prospects", "post", "x-gong-flows-decision"], doc.createNode({ summary: "Ours." }));
    });
    const { exitCode, findings } = await lint(text, "broken-decisions");
    expect(exitCode).not.toBe(0);
    const found = errorsOf(findings, "gong-decisions").map((f) => ({ path: f.path.join("/"), message: f.message }));
    const decision = (...path: string[]) => ["components", "schemas", ...path].join("/");
    expect(found).toEqual(
      expect.arrayContaining([
        { path: decision("NonEmptyId", "x-gong-flows-decision", "maxLength"), message: expect.stringContaining('"maxLength", which that schema does not have') },
        { path: decision("UserEmail", "x-gong-flows-decision", "description"), message: expect.stringContaining('"description", which constrains nothing') },
        { path: decision("NonEmptyId", "x-gong-flows-decision", "minLength"), message: expect.stringContaining("the reason for the decision (a non-empty string)") },
        {
          path: decision("UnassignFlowsByCrmProspectIdRequest", "properties", "flowId", "x-gong-flows-decision", "minLength"),
          message: expect.stringContaining("a $ref's siblings do not hold the keywords of #/components/schemas/NonEmptyId"),
        },
        { path: decision("FlowInstanceStatus", "x-gong-flows-decision"), message: expect.stringContaining("an object mapping each keyword") },
        { path: "paths//v2/flows/prospects/post/x-gong-flows-decision", message: expect.stringContaining("on a Schema Object only") },
      ]),
    );
    expect(found).toHaveLength(6);
  });
});
