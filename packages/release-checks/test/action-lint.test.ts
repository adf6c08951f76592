import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionFiles, lintActionFile } from "../src/action-lint.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const contractAction = join(repoRoot, "packages/contract-tests/action.yml");

/** Replaces `search` once in `text`; throws when it is not there, so a test cannot pass on an edit that did nothing. */
function edit(text: string, search: string, replacement: string): string {
  if (!text.includes(search)) throw new Error(`not in the action: ${search}`);
  return text.replace(search, replacement);
}

/** A GitHub Actions expression, `${{ inner }}`, as the action writes it. */
const expression = (inner: string) => `\${{ ${inner} }}`;

let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await scratchDir("gong-flows-action-lint-");
});
afterAll(async () => {
  await scratch.remove();
});

describe("the lint of composite actions (packages/*/action.yml)", () => {
  it("finds the contract suite's action, and no problem in it", async () => {
    expect(await actionFiles(repoRoot)).toContain(contractAction);
    expect(await lintActionFile(contractAction)).toEqual([]);
  });

  it("reports a misspelt input, a misspelt step id and a run step without its shell, each at its step", async () => {
    let text = await readFile(contractAction, "utf8");
    text = edit(text, expression("inputs.base-url"), expression("inputs.base-urll"));
    text = edit(text, expression("steps.install.outputs.bin"), expression("steps.instal.outputs.bin"));
    text = edit(text, "      id: install\n      shell: bash\n", "      id: install\n");
    const broken = join(scratch.path, "action.yml");
    await writeFile(broken, text);
    const problems = await lintActionFile(broken);
    const stepLine = (name: string) => text.split("\n").findIndex((line) => line.includes(`- name: ${name}`)) + 1;
    expect(problems.map(({ line, kind }) => ({ line, kind }))).toEqual([
      { line: stepLine("Install the contract suite"), kind: "action-metadata" },
      { line: stepLine("Run the contract suite"), kind: "expression" },
      { line: stepLine("Run the contract suite"), kind: "expression" },
    ]);
    expect(problems[0]?.message).toContain('must name its "shell"');
    expect(problems.map((problem) => problem.message).join("\n")).toMatch(
      /property "instal" is not defined[\s\S]*property "base-urll" is not defined/,
    );
  });
});
