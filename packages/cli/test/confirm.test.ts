import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./support/gong-mock.js";

const data = prospectsWithFlows(30);
const gong = useTestGong({ assignedFlows: data.flows });
const tmp = useTempDir("gong-flows-cli-confirm-");

// The client reads its credentials from the environment, as the CLI promises: set them for this file.
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    GONG_BASE_URL: gong().server.url,
    GONG_ACCESS_KEY: testAuth.accessKey,
    GONG_ACCESS_KEY_SECRET: testAuth.accessKeySecret,
  });
});
afterAll(() => {
  process.env = saved;
});

/** A terminal: streams that say they are TTYs. The answer is typed once the question is asked. */
function terminal(answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const stdout = new PassThrough();
  let errText = "";
  let outText = "";
  stderr.on("data", (chunk: Buffer) => {
    errText += chunk.toString();
    if (errText.includes("[y/N]") && !stdin.writableEnded) stdin.end(`${answer}\n`);
  });
  stdout.on("data", (chunk: Buffer) => (outText += chunk.toString()));
  return {
    io: {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
      stdout,
      cwd: tmp(),
      env: process.env,
    },
    output: () => ({ stdout: outText, stderr: errText }),
  };
}

async function prospectsFile(): Promise<string> {
  const path = join(tmp(), "prospects.txt");
  await writeFile(path, `${data.prospects.join("\n")}\n`);
  return path;
}

describe("confirmation on a terminal", () => {
  it("shows the plan, asks, and ends when the answer is not yes: exit 4, nothing sent, nothing left, no resume command", async () => {
    const term = terminal("n");
    const code = await runCli(
      ["unassign", "--prospects", await prospectsFile(), "--rps", "0", "--no-progress", "--report", "declined.json"],
      term.io,
    );
    expect(code).toBe(4);
    expect(await readdir(tmp())).toEqual(["prospects.txt"]);
    expect(term.output().stderr).not.toContain("resume");
    expect(term.output().stdout).toMatch(/flow instances to remove\s+│ 60/);
    expect(term.output().stderr).toContain("Unassign 60 flow instance(s) in 1 call(s)? [y/N]");
    expect(term.output().stderr).toContain("not confirmed: nothing was unassigned");
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(0);
  });

  it("goes ahead on yes", async () => {
    const term = terminal("yes");
    const code = await runCli(
      ["unassign", "--prospects", await prospectsFile(), "--rps", "0", "--no-progress", "--report", "confirmed.json"],
      term.io,
    );
    expect(code).toBe(0);
    expect(gong().server.mock.stats().flowInstances.unassigned).toBe(60);
  });
});
