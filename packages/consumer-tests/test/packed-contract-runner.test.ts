// `npx @gong-flows/contract-tests` as its users run it: the packed tarballs of the runner and of the
// client it depends on, installed with npm into a scratch project outside the workspace, run with
// npx. Default target: the Prism that ships with it, on the spec the installed client ships (exit 0, a
// JUnit file with every case); a live target that answers wrongly (exit 1, the violation named); a bad flag
// (exit 2, the flag named).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "../src/child-env.js";
import { createConsumerProject, type ConsumerProject } from "../src/consumer-project.js";
import { tarballFiles } from "../src/packed-client.js";
import { runProcess, type ProcessOutcome } from "../src/run-process.js";

let runnerTarball: string;
let project: ConsumerProject;
let wrongServer: Server;
let wrongServerUrl: string;

beforeAll(async () => {
  // Packed once for the run (test/support/global-setup.ts).
  const { client, "contract-tests": runner } = inject("tarballs");
  runnerTarball = runner;
  project = await createConsumerProject([client, runner], { fixtures: null });
  // A "live" server that answers every list with a flow whose `exclusive` is not a boolean.
  wrongServer = createServer((request, response) => {
    request.resume().on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ requestId: "r1", prospectsAssigned: [{ flowInstanceId: "f1", exclusive: "yes" }] }),
      );
    });
  });
  await new Promise<void>((resolve) => wrongServer.listen(0, "127.0.0.1", resolve));
  wrongServerUrl = `http://127.0.0.1:${(wrongServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  wrongServer?.closeAllConnections();
  await Promise.all([
    new Promise((resolve) => (wrongServer ? wrongServer.close(resolve) : resolve(undefined))),
    project?.remove(),
  ]);
});

/** Each case runs the suite (or npx) in a process of its own: allow for a busy machine. */
const processTimeoutMs = 300_000;

/** `npx @gong-flows/contract-tests …` in the scratch project, as a user's CI runs it. */
function npx(args: string[], env: Record<string, string> = {}): Promise<ProcessOutcome> {
  return runProcess("npx", ["--no-install", "@gong-flows/contract-tests", ...args], {
    cwd: project.dir,
    env: childEnv(env),
    timeoutMs: 240_000,
  });
}

// Concurrent: each case is a process of its own against a server of its own.
describe.concurrent("the packed runner (npx @gong-flows/contract-tests)", () => {
  it("ships its build and its process watchdog, and nothing else (the spec is the client's)", async () => {
    const files = await tarballFiles(runnerTarball);
    expect(files.filter((file) => !/^dist\/chunk-\w+\.js(\.map)?$/.test(file))).toEqual([
      "LICENSE",
      "README.md",
      "bin/gong-flows-contract.js",
      "dist/cli.js",
      "dist/cli.js.map",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/index.js.map",
      "package.json",
      "watchdog.mjs",
    ]);
  });

  it("holds the Prism that ships with it to the spec the client ships: exit 0, and a JUnit file with every case", {
    timeout: processTimeoutMs,
  }, async () => {
    const outcome = await npx(["--num-runs", "5", "--junit", "reports/contract.xml"]);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain(`spec ${join(project.dir, "node_modules/@gong-flows/client/openapi.yaml")}`);
    expect(outcome.stdout).toMatch(/^PASS {2}negative data is rejected/m);
    // Skipped: the three live writes, which run against a live server only.
    const summary = /^(\d+) passed, 0 failed, 3 skipped$/m.exec(outcome.stdout);
    expect(summary).not.toBeNull();
    const xml = await readFile(join(project.dir, "reports/contract.xml"), "utf8");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gong-flows-contract" tests="\d+" failures="0"/,
    );
    expect(xml.match(/<testcase /g)?.length).toBe(Number(summary![1]) + 3);
  });

  it("fails a live server that breaks the contract: exit 1, the violation named once", {
    timeout: processTimeoutMs,
  }, async () => {
    const outcome = await npx(["--target", "live", "--base-url", wrongServerUrl, "--rps", "0", "--num-runs", "5"], {
      GONG_ACCESS_KEY: "test-access-key",
      GONG_ACCESS_KEY_SECRET: "test-access-key-secret",
    });
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(1);
    const violation =
      'listAssignedFlows 200 at /body/prospectsAssigned/0/exclusive: expected type boolean; actual "yes"';
    expect(outcome.stdout.split(violation).length - 1).toBe(1);
    expect(outcome.stdout).toMatch(/^\d+ passed, [1-9]\d* failed/m);
    expect(outcome.stdout + outcome.stderr).not.toContain("test-access-key-secret");
  });

  it("refuses bad usage before anything runs: exit 2, the flag named", { timeout: processTimeoutMs }, async () => {
    const outcome = await npx(["--target", "staging"]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("--target");
    const help = await npx(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of [
      "--target",
      "--base-url",
      "--prospects",
      "--allow-writes",
      "--assign-flow-id",
      "--assign-owner-email",
      "--strict",
      "--rps",
      "--num-runs",
      "--seed",
      "--timeout-ms",
      "--junit",
      "--spec",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("says a live target it cannot reach is unreachable, before any check: exit 2", {
    timeout: processTimeoutMs,
  }, async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const outcome = await npx(["--target", "live", "--base-url", url, "--rps", "0"], {
      GONG_ACCESS_KEY: "test-access-key",
      GONG_ACCESS_KEY_SECRET: "test-access-key-secret",
    });
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(2);
    expect(outcome.stderr).toBe(`gong-flows-contract: could not reach ${url} (ECONNREFUSED)\n`);
    expect(outcome.stdout).not.toMatch(/failed|counterexample/);
  });
});
