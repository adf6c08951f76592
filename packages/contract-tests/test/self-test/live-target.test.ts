// The suite run as a user's CI runs it, in child processes, against local servers on 127.0.0.1:
// - `vitest run test/contract` configured by environment variables alone, exactly as our mock's own
//   tests run it (CONTRACT_TARGET=live, GONG_BASE_URL, CONTRACT_ALLOW_WRITES=1, CONTRACT_STRICT=1,
//   CONTRACT_CRM_PROSPECT_IDS, CONTRACT_REQUESTS_PER_SECOND=0, credentials from the environment);
// - the built command `gong-flows-contract` (dist/cli.js), its exit codes and its JUnit file.
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { killProcessGroup, scratchDir, spawnInGroup, type ScratchDir } from "@gong-flows/testkit";
import { isReadOperation } from "@gong-flows/spec-reader";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mockCredentials } from "../../src/run/target.js";
import { faults } from "../support/faults.js";
import { fakeSecret } from "../support/local-target.js";
import { model } from "../support/model.js";
import { startReferenceServer, type ReferenceServer } from "../support/reference-server.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const vitestCli = resolve(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const builtCli = join(packageDir, "dist/cli.js");

const servers: ReferenceServer[] = [];
const children: ChildProcess[] = [];
let scratch: ScratchDir;
beforeAll(async () => {
  scratch = await scratchDir("gong-flows-contract-cli-");
});
afterAll(async () => {
  // A child run still going (its test timed out) is stopped with every worker it started.
  await Promise.all([
    ...servers.map((server) => server.close()),
    ...children.map((child) => killProcessGroup(child, 1_000)),
    scratch?.remove(),
  ]);
});

/**
 * The child's environment: not this run's own settings (a live target of the parent, vitest's worker
 * variables), only what a user would set.
 */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(CONTRACT_|GONG_|VITEST|TINYPOOL)/.test(name) && name !== "NODE_ENV",
    ),
  );
  return {
    ...env,
    GONG_ACCESS_KEY: mockCredentials.accessKey,
    GONG_ACCESS_KEY_SECRET: mockCredentials.accessKeySecret,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...extra,
  };
}

/** Runs a node script in a process group of its own; resolves with its exit code and output. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnInGroup(process.execPath, args, { cwd: packageDir, env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => {
      // The leader is gone; end anything it left behind in its group before reporting.
      void killProcessGroup(child, 0).finally(() => resolvePromise({ code, output }));
    });
  });
}

/** Each child is a whole run of its own: allow for a busy machine. */
const childRunTimeoutMs = 240_000;

describe.concurrent("the suite in a child process, as CI runs it", () => {
  it(
    "vitest run test/contract, configured by the variables our mock's tests set, passes a conforming server",
    async () => {
      const server = await startReferenceServer(model);
      servers.push(server);
      const { code, output } = await runNode(
        [vitestCli, "run", "test/contract", "--typecheck.enabled=false"],
        userEnv({
          CONTRACT_TARGET: "live",
          GONG_BASE_URL: server.url,
          CONTRACT_ALLOW_WRITES: "1",
          CONTRACT_STRICT: "1",
          CONTRACT_CRM_PROSPECT_IDS: "a5V1Q00A120DP4CVAW",
          CONTRACT_REQUESTS_PER_SECOND: "0",
          // The live plumbing is what is shown here; the full 100 runs per operation run against Prism in
          // this same `pnpm test`.
          CONTRACT_NUM_RUNS: "10",
        }),
      );
      expect(output, output).toMatch(/Tests\s+\d+ passed/);
      expect(code).toBe(0);
      expect(output).not.toContain(fakeSecret);
      // Strict and writes allowed: every operation was called (the writes' negative cases too), and the
      // decision cases held.
      const called = new Set(server.received.map((r) => r.operation?.operationId));
      expect(called).toEqual(new Set(model.operations.map((o) => o.operationId)));
      expect(server.received.some((r) => r.verdict === "invalid" && r.bodyText.includes("unexpectedProperty"))).toBe(
        true,
      );
    },
    childRunTimeoutMs,
  );

  it(
    "gong-flows-contract exits 1 against a wrong server, naming the violation once, and writes its JUnit file",
    async () => {
      const server = await startReferenceServer(model, { fault: faults.wrongType });
      servers.push(server);
      const junit = join(scratch.path, "reports/contract.xml");
      const { code, output } = await runNode(
        [builtCli, "--num-runs", "5", "--junit", junit],
        userEnv({ CONTRACT_TARGET: "live", GONG_BASE_URL: server.url, CONTRACT_REQUESTS_PER_SECOND: "0" }),
      );
      expect(code, output).toBe(1);
      const violation =
        'listAssignedFlows 200 at /body/prospectsAssigned/0/exclusive: expected type boolean; actual "yes"';
      expect(output.split(violation).length - 1, output).toBe(1);
      expect(output).toMatch(/^FAIL {2}responses conform to the spec/m);
      expect(output).toMatch(/^\d+ passed, [1-9]\d* failed/m);
      expect(output).not.toContain(fakeSecret);
      // Read-only: besides the one reachability probe (no operation, no credentials), only the reads were called.
      const probes = server.received.filter((r) => r.operation === undefined);
      expect(probes.map((r) => [r.verdict, r.headers.authorization])).toEqual([["unknown-route", undefined]]);
      const called = new Set(server.received.filter((r) => r.operation).map((r) => r.operation?.operationId));
      expect(called).toEqual(new Set(model.operations.filter(isReadOperation).map((o) => o.operationId)));
      expect(called).not.toContain("assignProspects");
      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
        await readFile(junit, "utf8"),
      ) as { testsuites: { failures: string } };
      expect(Number(xml.testsuites.failures)).toBeGreaterThan(0);
    },
    childRunTimeoutMs,
  );

  it(
    "gong-flows-contract exits 2 naming what to fix, before sending anything",
    async () => {
      const server = await startReferenceServer(model);
      servers.push(server);
      const badFlag = await runNode(
        [builtCli, "--target", "live", "--num-runs", "many"],
        userEnv({ GONG_BASE_URL: server.url }),
      );
      expect(badFlag.code).toBe(2);
      expect(badFlag.output).toContain("--num-runs must be a whole number of at least 1");
      const noCredentials = await runNode([builtCli, "--target", "live", "--base-url", server.url], {
        ...userEnv({}),
        GONG_ACCESS_KEY: "",
        GONG_ACCESS_KEY_SECRET: "",
      });
      expect(noCredentials.code).toBe(2);
      expect(noCredentials.output).toContain("needs credentials in the environment");
      expect(server.received).toEqual([]);
    },
    childRunTimeoutMs,
  );
});
