// The spec's lint gate must be able to fail: each test feeds Spectral a deliberately broken copy of
// spec/openapi.yaml (written to a temporary directory, the real file is never touched) and checks
// that the rule meant to catch that break reports it, at the place it happened, as an error. Spectral
// starts once for all the broken copies (each finding names its file) and once for the clean spec:
// starting it is most of its time.
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
  /** The file it was found in. */
  source: string;
}

let workDir: ScratchDir;
let original: string;
let clean: { exitCode: number; findings: Finding[] };
let brokenRun: { exitCode: number; findings: Finding[] };

/** Each broken copy of the spec, by name: an edit of a fresh parse of the real spec. */
const brokenCopies: Record<string, (doc: Document) => void> = {
  "invalid-example": (doc) =>
    doc.setIn(
      [
        "paths",
        "/v2/flows/prospects",
        "post",
        "responses",
        "200",
        "content",
        "application/json",
        "example",
        "prospectsAssigned",
        0,
        "flowInstanceStatus",
      ],
      "Stopped",
    ),
  "invalid-schema-example": (doc) =>
    doc.setIn(["components", "schemas", "UnassignFlowsByFlowInstanceIdsRequest", "examples", 0, "flowInstanceIds"], []),
  "no-retry-after": (doc) => doc.deleteIn(["components", "responses", "TooManyRequests", "headers"]),
  "string-retry-after": (doc) => doc.setIn(["components", "headers", "RetryAfter", "schema", "type"], "string"),
  "inline-error": (doc) =>
    doc.setIn(["paths", "/v2/flows/prospects/unassign-flows-by-instance-id", "post", "responses", "500"], {
      description: "Failed",
      content: { "application/json": { schema: { type: "object" } } },
    }),
  "bare-operation": (doc) => {
    const op = ["paths", "/v2/flows/prospects/unassign-flows-by-crm-id", "post"];
    doc.deleteIn([...op, "summary"]);
    doc.deleteIn([...op, "operationId"]);
    doc.deleteIn([...op, "tags"]);
  },
  "broken-decisions": (doc) => {
    const schemas = ["components", "schemas"];
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
  },
};

beforeAll(async () => {
  workDir = await scratchDir("gong-flows-spec-lint-");
  original = await readFile(join(specDir, "openapi.yaml"), "utf8");
  const cleanFile = join(workDir.path, "clean.yaml");
  await writeFile(cleanFile, original);
  const brokenFiles = await Promise.all(
    Object.entries(brokenCopies).map(async ([name, edit]) => {
      const file = join(workDir.path, `${name}.yaml`);
      await writeFile(file, broken(edit));
      return file;
    }),
  );
  [clean, brokenRun] = await Promise.all([lint([cleanFile]), lint(brokenFiles)]);
}, 180_000);
afterAll(async () => {
  await workDir?.remove();
});

/** Runs the project's Spectral ruleset on the files; resolves with the findings (each naming its file) and exit code. */
async function lint(files: readonly string[]): Promise<{ exitCode: number; findings: Finding[] }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      spectral,
      [
        "lint",
        "--fail-severity=warn",
        "--format=json",
        "--quiet",
        "--ruleset",
        join(specDir, ".spectral.yaml"),
        ...files,
      ],
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

/**
 * The findings of one broken copy, and whether `spectral lint --fail-severity=warn` fails on it: it
 * exits non-zero exactly when a file has a finding of severity warning or worse. The run over all the
 * copies must have failed too.
 */
function lintOf(name: string): { fails: boolean; findings: Finding[] } {
  if (!(name in brokenCopies)) throw new Error(`no broken copy named ${name}`);
  const findings = brokenRun.findings.filter((finding) => finding.source === join(workDir.path, `${name}.yaml`));
  expect(brokenRun.exitCode).not.toBe(0);
  return { fails: findings.some((finding) => finding.severity <= 1), findings };
}

const errorsOf = (findings: Finding[], code: string) => findings.filter((f) => f.code === code && f.severity === 0);

describe("pnpm lint:spec", () => {
  it("passes the spec as committed, with no finding at all", () => {
    expect(clean.findings).toEqual([]);
    expect(clean.exitCode).toBe(0);
  });

  it("rejects a response example that does not match its schema", () => {
    const { fails, findings } = lintOf("invalid-example");
    expect(fails).toBe(true);
    const [finding] = errorsOf(findings, "oas3-valid-media-example");
    expect(finding?.path.join(".")).toContain("prospectsAssigned.0.flowInstanceStatus");
  });

  it("rejects a schema example that does not match its schema", () => {
    const { fails, findings } = lintOf("invalid-schema-example");
    expect(fails).toBe(true);
    expect(errorsOf(findings, "gong-schema-examples").length).toBeGreaterThan(0);
  });

  it("rejects a 429 response without Retry-After", () => {
    const { fails, findings } = lintOf("no-retry-after");
    expect(fails).toBe(true);
    expect(errorsOf(findings, "gong-429-retry-after").length).toBeGreaterThan(0);
  });

  it("rejects a Retry-After that is not an integer", () => {
    const { fails, findings } = lintOf("string-retry-after");
    expect(fails).toBe(true);
    expect(errorsOf(findings, "gong-429-retry-after").length).toBeGreaterThan(0);
  });

  it("rejects an error response that does not use the shared error body", () => {
    const { fails, findings } = lintOf("inline-error");
    expect(fails).toBe(true);
    const [finding] = errorsOf(findings, "gong-error-response-schema");
    expect(finding?.message).toContain("response 500 must use the shared error body");
  });

  it("rejects an operation without a summary, an operationId or a tag", () => {
    const { fails, findings } = lintOf("bare-operation");
    expect(fails).toBe(true);
    for (const code of ["gong-operation-summary", "gong-operation-operation-id", "gong-operation-single-tag"]) {
      expect(errorsOf(findings, code), code).toHaveLength(1);
    }
  });

  it("marks each decision on its schema: x-gong-flows-decision names keywords of that schema, each with a reason", () => {
    const { fails, findings } = lintOf("broken-decisions");
    expect(fails).toBe(true);
    const found = errorsOf(findings, "gong-decisions").map((f) => ({ path: f.path.join("/"), message: f.message }));
    const decision = (...path: string[]) => ["components", "schemas", ...path].join("/");
    expect(found).toEqual(
      expect.arrayContaining([
        {
          path: decision("NonEmptyId", "x-gong-flows-decision", "maxLength"),
          message: expect.stringContaining('"maxLength", which that schema does not have'),
        },
        {
          path: decision("UserEmail", "x-gong-flows-decision", "description"),
          message: expect.stringContaining('"description", which constrains nothing'),
        },
        {
          path: decision("NonEmptyId", "x-gong-flows-decision", "minLength"),
          message: expect.stringContaining("the reason for the decision (a non-empty string)"),
        },
        {
          path: decision(
            "UnassignFlowsByCrmProspectIdRequest",
            "properties",
            "flowId",
            "x-gong-flows-decision",
            "minLength",
          ),
          message: expect.stringContaining(
            "a $ref's siblings do not hold the keywords of #/components/schemas/NonEmptyId",
          ),
        },
        {
          path: decision("FlowInstanceStatus", "x-gong-flows-decision"),
          message: expect.stringContaining("an object mapping each keyword"),
        },
        {
          path: "paths//v2/flows/prospects/post/x-gong-flows-decision",
          message: expect.stringContaining("on a Schema Object only"),
        },
      ]),
    );
    expect(found).toHaveLength(6);
  });
});
