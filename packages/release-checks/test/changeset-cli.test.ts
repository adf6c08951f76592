// `pnpm changeset` without a terminal fails, saying how to write a changeset by hand, instead of
// exiting 0 having written nothing; the commands that ask nothing still run.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { asksQuestions } from "../src/changeset-guard.js";
import { runNode, tsxLoader } from "./run-node.js";

const cli = fileURLToPath(new URL("../src/changeset-cli.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("pnpm changeset", () => {
  it("knows which commands ask questions", () => {
    expect(asksQuestions([])).toBe(true);
    expect(asksQuestions(["add"])).toBe(true);
    expect(asksQuestions(["add", "--empty"])).toBe(false);
    expect(asksQuestions(["status"])).toBe(false);
    expect(asksQuestions(["version"])).toBe(false);
    expect(asksQuestions(["--help"])).toBe(false);
    expect(asksQuestions(["--version"])).toBe(false);
  });

  it("fails without a terminal, naming the file to write, and writes nothing", async () => {
    // execFile gives the child pipes, not a terminal: as in CI.
    const run = await runNode([...tsxLoader, cli], { cwd: repoRoot });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(".changeset/<any-name>.md");
    expect(run.stderr).toContain('"@gong-flows/client": minor');
    expect(run.stderr).toContain("pnpm changeset add --empty");
  });

  it("still runs what asks nothing", async () => {
    const run = await runNode([...tsxLoader, cli, "--version"], { cwd: repoRoot });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
