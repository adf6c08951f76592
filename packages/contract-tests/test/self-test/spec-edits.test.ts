// The README's "Changing the spec" promise, shown on a scratch copy of the repository's spec: an
// additive, compatible edit (a new optional response property, a new optional request property)
// regenerates and passes both type-test files untouched (the client's and check 6), while an edit
// that breaks the client's own code (renaming a required request property) fails to compile. The
// real spec and packages are never touched: the spec, the two generators, the client's sources and
// the two type-test files are copied into a scratch folder, beside links to the installed packages.
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument, type Document } from "yaml";

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
// The compiler of every package's `typecheck` task: TypeScript's native one.
const tsgo = join(repoRoot, "node_modules/@typescript/native-preview/bin/tsgo");

/** What a scratch repository copies, relative to the repository root. */
const copied = [
  "tsconfig.base.json",
  "packages/client/package.json",
  "packages/client/scripts",
  "packages/client/src",
  "packages/client/test/types.test-d.ts",
  "packages/contract-tests/package.json",
  "packages/contract-tests/scripts/generate.ts",
  "packages/contract-tests/test/contract/types.test-d.ts",
  "packages/contract-tests/test/support/spec-types.ts",
];

const scratches: ScratchDir[] = [];
afterAll(async () => {
  await Promise.all(scratches.map((dir) => dir.remove()));
});

/**
 * Copies what the type tests need into a scratch repository with the edited spec, regenerates both
 * packages' generated code from it, and type-checks the client with both type-test files. Resolves
 * with the compiler's exit code and output.
 */
async function typeCheckWithSpec(edit: (spec: Document) => void): Promise<{ code: number; output: string }> {
  const scratch = await scratchDir("gong-flows-spec-edit-");
  scratches.push(scratch);
  const root = scratch.path;
  for (const path of copied) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await cp(join(repoRoot, path), join(root, path), {
      recursive: true,
      filter: (source) => !source.includes(`${"/src/generated"}`),
    });
  }
  for (const pkg of ["client", "contract-tests"])
    await symlink(join(repoRoot, "packages", pkg, "node_modules"), join(root, "packages", pkg, "node_modules"), "dir");
  const spec = parseDocument(await readFile(join(repoRoot, "spec/openapi.yaml"), "utf8"));
  edit(spec);
  await mkdir(join(root, "spec"));
  await writeFile(join(root, "spec/openapi.yaml"), spec.toString());
  // The generators are TypeScript, run through tsx from each package (where tsx is installed).
  for (const pkg of ["client", "contract-tests"]) {
    await run(process.execPath, ["--import", "tsx", "scripts/generate.ts"], {
      cwd: join(root, "packages", pkg),
      env: { ...process.env, TSX_DISABLE_CACHE: "1" },
    });
  }
  await writeFile(
    join(root, "tsconfig.check.json"),
    JSON.stringify({
      extends: "./tsconfig.base.json",
      compilerOptions: {
        noEmit: true,
        types: ["node"],
        typeRoots: ["./packages/client/node_modules/@types"],
        // The contract suite's type tests import the client by name: here, the regenerated sources.
        paths: { "@gong-flows/client": ["./packages/client/src/index.ts"] },
      },
      include: [
        "packages/client/src",
        "packages/client/test/types.test-d.ts",
        "packages/contract-tests/test",
        "packages/contract-tests/src/generated",
      ],
    }),
  );
  try {
    const { stdout } = await run(process.execPath, [tsgo, "-p", "tsconfig.check.json"], { cwd: root });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : 1,
      output: `${failed.stdout ?? ""}${failed.stderr ?? ""}`,
    };
  }
}

const schemas = ["components", "schemas"];

describe.concurrent("an edit of the spec needs no second edit", () => {
  it("an additive, compatible edit passes both type-test files untouched", async () => {
    const { code, output } = await typeCheckWithSpec((spec) => {
      spec.setIn([...schemas, "AssignedFlow", "properties", "flowInstanceUpdateDate"], {
        type: "string",
        description: "When the flow instance last changed.",
      });
      spec.setIn([...schemas, "UnassignFlowsByCrmProspectIdRequest", "properties", "reason"], {
        type: "string",
        description: "Why the prospect is taken out of the flow.",
      });
    });
    expect(output).toBe("");
    expect(code).toBe(0);
  }, 300_000);

  it("an edit that breaks the client's own code fails to compile, where the client uses it", async () => {
    const { code, output } = await typeCheckWithSpec((spec) => {
      const list = [...schemas, "ListAssignedFlowsRequest"];
      spec.setIn([...list, "properties", "prospectIds"], spec.getIn([...list, "properties", "crmProspectsIds"]));
      spec.deleteIn([...list, "properties", "crmProspectsIds"]);
      spec.setIn([...list, "required"], ["prospectIds"]);
      spec.deleteIn([...list, "examples"]);
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/packages\/client\/src\/[\w/-]+\.ts\(\d+,\d+\): error TS\d+: .*crmProspectsIds/);
  }, 300_000);
});
