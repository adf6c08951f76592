// The edges where a person's files, paths and mistakes meet the command: each refused before the
// first call (exit 2, nothing sent, no file touched) or said in the user's words.
import { link, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, runCliProcess } from "./support/cli-process.js";
import { prospectsWithFlows, startTestGong, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";

const data = prospectsWithFlows(150); // 300 flow instances
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir("gong-flows-cli-edges-");
const env = (extra: NodeJS.ProcessEnv = {}) => cliEnv(gong().server.url, testAuth, extra);
let folderNumber = 0;

/** A fresh folder with the prospects file in it. */
async function workspace(): Promise<{ dir: string; input: string }> {
  folderNumber += 1;
  const dir = join(tmp(), `case-${folderNumber}`);
  await mkdir(dir);
  const input = join(dir, "prospects.txt");
  await writeFile(input, `${data.prospects.join("\n")}\n`);
  return { dir, input };
}

const run = (args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  runCliProcess([...args, "--rps", "0", "--no-progress"], { cwd, env: env(extraEnv) });
const callsMade = () => gong().server.mock.stats().calls.total;

describe("never clobber a file", () => {
  it("refuses a --journal that is not a journal and leaves it untouched (exit 2)", async () => {
    const { dir, input } = await workspace();
    for (const text of ["my notes about the clean-up\n", '{"a":1}']) {
      const notes = join(dir, "notes.txt");
      await writeFile(notes, text);
      const outcome = await run(["unassign", "--prospects", input, "--yes", "--journal", notes], dir);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain(`${notes} exists and is not a gong-flows journal`);
      expect(await readFile(notes, "utf8")).toBe(text);
    }
    expect(await readdir(dir)).toEqual(["notes.txt", "prospects.txt"]);
    expect(callsMade()).toBe(0);
  });

  it("refuses any two of input, journal and report naming one file — also through a hard or symbolic link (exit 2)", async () => {
    const { dir, input } = await workspace();
    await writeFile(join(dir, "j.jsonl"), "");
    await link(join(dir, "j.jsonl"), join(dir, "hard-link.json"));
    await symlink(input, join(dir, "input-link.json"));
    const cases = [
      [["--report", input], "the input and --report name the same file"],
      [["--report", "r.json", "--journal", "r.json"], "--report and --journal name the same file"],
      [["--report", "hard-link.json", "--journal", "j.jsonl"], "--report and --journal name the same file"],
      [["--report", "input-link.json"], "the input and --report name the same file"],
      [["--report", "x.csv", "--journal", "x.json"], "the JSON beside --report and --journal name the same file"],
    ] as const;
    for (const [flags, message] of cases) {
      const outcome = await run(["unassign", "--prospects", input, "--yes", ...flags], dir);
      expect(outcome.code, message).toBe(2);
      expect(outcome.stderr).toContain(message);
    }
    const listOut = await run(["list", "--prospects", input, "--out", "input-link.json"], dir);
    expect(listOut.code).toBe(2);
    expect(listOut.stderr).toContain("the input and --out name the same file");
    expect((await readFile(input, "utf8")).split("\n")).toHaveLength(151);
    expect(callsMade()).toBe(0);
  });
});

describe("every path checked before the first call", () => {
  it("creates a missing folder of --report, --journal and list --out", async () => {
    const { dir, input } = await workspace();
    const outcome = await run(
      ["unassign", "--prospects", input, "--yes", "--report", "out/a/report.json", "--journal", "state/j.jsonl"],
      dir,
    );
    expect(outcome.code).toBe(0);
    expect((await stat(join(dir, "out/a/report.json"))).isFile()).toBe(true);
    expect((await stat(join(dir, "state/j.jsonl"))).isFile()).toBe(true);
    gong().server.mock.reset();
    const list = await run(["list", "--prospects", input, "--format", "csv", "--out", "exports/flows.csv"], dir);
    expect(list.code).toBe(0);
    expect((await readFile(join(dir, "exports/flows.csv"), "utf8")).split("\n")[0]).toContain(
      "crmProspectId,flowInstanceId",
    );
  });

  it("refuses a --report or --journal that names a folder, or sits under a file, before anything is sent (exit 2, no stack trace)", async () => {
    const { dir, input } = await workspace();
    await mkdir(join(dir, "a-folder"));
    for (const [flags, message] of [
      [["--report", "a-folder"], `--report ${join(dir, "a-folder")} is a folder; name a file`],
      [["--journal", "a-folder"], `--journal ${join(dir, "a-folder")} is a folder; name a file`],
      [["--report", "prospects.txt/r.json"], "--report"],
    ] as const) {
      const outcome = await run(["unassign", "--prospects", input, "--yes", ...flags], dir);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain(message);
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
    }
    const list = await run(["list", "--prospects", input, "--out", "a-folder"], dir);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain("--out");
    expect(callsMade()).toBe(0);
  });
});

describe("what went wrong, in the user's words", () => {
  it("names the prospects a refused list batch left out", async () => {
    const { dir, input } = await workspace();
    gong().server.mock.injectFault({ operation: "listAssignedFlows", status: 400, times: 1 });
    const outcome = await run(["list", "--prospects", input, "--format", "json", "--out", "flows.json"], dir);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("100 prospect(s) were not listed");
    for (const id of data.prospects.slice(0, 100)) expect(outcome.stderr).toContain(`  ${id}\n`);
    expect(outcome.stderr).not.toContain(`  ${data.prospects[100]}\n`);
  });

  it("says which environment variables to set when there are no credentials", async () => {
    const { dir, input } = await workspace();
    const outcome = await runCliProcess(["unassign", "--prospects", input, "--yes"], {
      cwd: dir,
      env: { PATH: process.env["PATH"], GONG_BASE_URL: gong().server.url },
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (or GONG_BEARER_TOKEN");
    expect(outcome.stderr).not.toContain("createGongFlowsClient");
  });

  it("a run refused at once (401, wrong --base-url) leaves no journal and no report, so the corrected command runs", async () => {
    const { dir, input } = await workspace();
    const other = await startTestGong({ accessKey: "someone-else", accessKeySecret: "another-secret" });
    try {
      const refused = await run(["unassign", "--prospects", input, "--yes", "--base-url", other.server.url], dir);
      expect(refused.code).toBe(2);
      expect(await readdir(dir)).toEqual(["prospects.txt"]);
    } finally {
      await other.server.close();
    }
    const fixed = await run(["unassign", "--prospects", input, "--yes", "--base-url", gong().server.url], dir, {
      GONG_BASE_URL: "http://127.0.0.1:9",
    });
    expect(fixed.code).toBe(0);
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(300);
  });

  it("--status within a typo of a documented status is a usage error with a did-you-mean (exit 2)", async () => {
    const { dir, input } = await workspace();
    const outcome = await run(["unassign", "--prospects", input, "--yes", "--status", "Runing"], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("--status Runing is not a status Gong documents; did you mean Running?");
    expect(callsMade()).toBe(0);
  });

  it("skips a header line of a one-id-a-line file, with a warning naming the line", async () => {
    const { dir } = await workspace();
    for (const header of ["crmProspectId", "id", "crm_id", "CRM Prospect ID"]) {
      await writeFile(join(dir, "with-header.txt"), `\n${header}\n${data.prospects[0]}\n`);
      const outcome = await run(["unassign", "--prospects", "with-header.txt", "--dry-run"], dir);
      expect(outcome.code).toBe(0);
      expect(outcome.stderr).toContain(
        `with-header.txt:2: skipped ${JSON.stringify(header)}, a column header, not an id`,
      );
      const plan = JSON.parse(await readFile(join(dir, "with-header.gong-flows-plan.json"), "utf8")) as {
        prospects: number;
      };
      expect(plan.prospects).toBe(1);
    }
  });
});
