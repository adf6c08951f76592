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

  it("marks our decisions in x-gong-flows-decision: each pointer names an existing validation keyword", async () => {
    const decisions = ["components", "x-gong-flows-decision"];
    const text = broken((doc) => {
      // A pointer left behind by a schema edit, one at an annotation, and one without its reason.
      doc.setIn([...decisions, "#/components/schemas/NonEmptyId/maxLength"], "Ids are short, our decision.");
      doc.setIn([...decisions, "#/components/schemas/UserEmail/description"], "Not a constraint at all.");
      doc.setIn([...decisions, "#/components/schemas/NonEmptyId/minLength"], "");
    });
    const { exitCode, findings } = await lint(text, "stale-decision");
    expect(exitCode).not.toBe(0);
    const messages = errorsOf(findings, "gong-decision-pointers").map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"#/components/schemas/NonEmptyId/maxLength" points at nothing'),
        expect.stringContaining('points at "description", which is not a validation keyword'),
        expect.stringContaining('the decision at "#/components/schemas/NonEmptyId/minLength" must give its reason'),
      ]),
    );
  });
});
