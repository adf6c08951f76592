import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, runCliProcess } from "./support/cli-process.js";
import { prospectsWithFlows, useTempDir, useTestGong } from "./support/gong-mock.js";

// Sentinel credentials: each must never appear in anything the CLI prints or writes, in any form.
const key = "sentinel-key-5c1f";
const secret = "sentinel-secret-8a7e3b9d";
const token = "sentinel-bearer-token-0f4e2a";
const basic = Buffer.from(`${key}:${secret}`).toString("base64");
const forbidden = [secret, basic, token];

const data = prospectsWithFlows(150);
const basicGong = useTestGong({ assignedFlows: data.flows, accessKey: key, accessKeySecret: secret });
// A secret with characters that percent-encoding changes, and Gong data whose flow names quote it
// base64-encoded and percent-encoded: an answer's data is not redacted by the client, only by the CLI.
const encodableSecret = "sentinel/secret+7d1c=";
const encodedForms = [Buffer.from(encodableSecret).toString("base64"), encodeURIComponent(encodableSecret)];
const quotingFlows = data.flows
  .slice(0, 20)
  .map((flow, i) => ({ ...flow, flowName: `flow named after ${encodedForms[i % 2]}` }));
const bearerGong = useTestGong({ assignedFlows: data.flows, bearerToken: token });
const encodableGong = useTestGong({ assignedFlows: quotingFlows, accessKey: key, accessKeySecret: encodableSecret });
const tmp = useTempDir("gong-flows-cli-secrets-");

/** Everything the run left: its output and every file in its folder (journal, reports). */
async function everythingWritten(dir: string, output: { stdout: string; stderr: string }): Promise<string> {
  const files = await readdir(dir);
  const contents = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  return [output.stdout, output.stderr, ...contents].join("\n");
}

describe("no secret in any output, journal or report", () => {
  it("access-key credentials, echoed back by a failing upstream, are redacted everywhere", async () => {
    const gong = basicGong();
    // An upstream that quotes the request's credentials in its error messages: on the listing (which
    // stops the job after the client's retries) and on an unassign request.
    const echo = [`proxy saw Authorization: Basic ${basic}`, `and the secret ${secret}`];
    gong.server.mock.injectFault({ status: 500, errors: echo, operation: "unassignFlowsByFlowInstanceIds", times: 1 });
    const dir = join(tmp(), "basic");
    const prospects = join(tmp(), "prospects.txt");
    await writeFile(prospects, `${data.prospects.join("\n")}\n`);
    await mkdir(dir);
    const env = cliEnv(gong.server.url, { accessKey: key, accessKeySecret: secret });
    const first = await runCliProcess(
      ["unassign", "--prospects", prospects, "--yes", "--rps", "0", "--report", "run.csv"],
      { cwd: dir, env },
    );
    gong.server.mock.injectFault({ status: 500, errors: echo, operation: "listAssignedFlows", times: 10 });
    const second = await runCliProcess(
      ["unassign", "--prospects", prospects, "--yes", "--rps", "0", "--report", "run.csv", "--verify", "all"],
      { cwd: dir, env },
    );
    expect(second.code).toBe(3);
    // The failures were seen and reported — without what they quoted.
    expect(second.stderr).toContain("Gong did not answer usefully after the client's retries");
    const written = await everythingWritten(dir, {
      stdout: first.stdout + second.stdout,
      stderr: first.stderr + second.stderr,
    });
    expect(written).toContain("[REDACTED]");
    for (const value of forbidden) expect(written).not.toContain(value);
  });

  it("a bearer token refused by Gong is not printed (exit 2, nothing unassigned)", async () => {
    const gong = bearerGong();
    const dir = join(tmp(), "bearer");
    await mkdir(dir);
    const prospects = join(dir, "p.txt");
    await writeFile(prospects, `${data.prospects.slice(0, 10).join("\n")}\n`);
    gong.server.mock.injectFault({
      status: 401,
      errors: [`token ${token}-x is not valid`],
      operation: "listAssignedFlows",
      times: 1,
    });
    const env = {
      ...cliEnv(gong.server.url, { accessKey: "", accessKeySecret: "" }),
      GONG_ACCESS_KEY: undefined,
      GONG_ACCESS_KEY_SECRET: undefined,
      GONG_BEARER_TOKEN: token,
    };
    const outcome = await runCliProcess(
      ["unassign", "--prospects", prospects, "--yes", "--rps", "0", "--report", "r.json"],
      { cwd: dir, env },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("Gong refused the credentials");
    const written = await everythingWritten(dir, outcome);
    for (const value of forbidden) expect(written).not.toContain(value);
    expect(gong.server.mock.stats().flowInstances.unassigned).toBe(0);
  });

  it("the secret alone base64-encoded or percent-encoded, quoted by Gong's data, is redacted too", async () => {
    expect(encodedForms[1]).not.toBe(encodableSecret);
    const gong = encodableGong();
    const dir = join(tmp(), "encoded");
    await mkdir(dir);
    const prospects = join(dir, "p.txt");
    await writeFile(prospects, `${[...new Set(quotingFlows.map((flow) => flow.crmProspectId))].join("\n")}\n`);
    const env = cliEnv(gong.server.url, { accessKey: key, accessKeySecret: encodableSecret });
    const outcome = await runCliProcess(
      ["unassign", "--prospects", prospects, "--yes", "--rps", "0", "--report", "r.csv"],
      { cwd: dir, env },
    );
    expect(outcome.code).toBe(0);
    const written = await everythingWritten(dir, outcome);
    expect(written).toContain("flow named after [REDACTED]");
    for (const value of [encodableSecret, ...encodedForms]) expect(written).not.toContain(value);
  });
});
