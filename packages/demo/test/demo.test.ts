import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startGongMock } from "@gong-flows/mock/node";
import { describe, expect, it } from "vitest";

const demo = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/demo.js");

function run(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
    execFile(
      process.execPath,
      [demo, ...args],
      { env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolvePromise({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("pnpm demo", () => {
  it("against @gong-flows/mock: 450 unassigned, a list shows them gone, a forced 429 shows the wait; then the mock is stopped", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Gong mock listening on http:\/\/127\.0\.0\.1:\d+: 455 flow instances/);
    expect(stdout).toMatch(/450 flow instance\(s\) in 2 requests/);
    // The client's pacing and the mock's per-second window can meet on a busy machine: a retry after a
    // 429 is then reported, and the numbers still add up.
    expect(stdout).toMatch(
      /3 requests of 200 \+ 200 \+ 50 ids( \(and \d+ retr(y|ies): 429 Too Many Requests\))?, spaced/,
    );
    expect(stdout).toContain("unassigned:                   450\n");
    expect(stdout).toContain("not unassigned (Gong kept):   0\n");
    expect(stdout).toContain("accounted for:                450 of 450");
    expect(stdout).toContain("0 flow instance(s) left");
    expect(stdout).toContain("unassigned instance(s): 1234361284629356, 1234361284629357");
    expect(stdout).toContain("/crmProspectIds: is not a known property");
    expect(stdout).toMatch(/429 with Retry-After: 2 s: the client held every call for 2\.0 s, then retried/);
    expect(stdout).toContain("2 flow instance(s) listed after");
    expect(stdout).toContain("GongAuthenticationError: Gong answered 401 Unauthorized");
    expect(stdout).toContain("ids sent again after they were unassigned: 0.");
    expect(stdout).toContain("Mock stopped.");
    expect(stdout).not.toMatch(/demo-secret|a-wrong-secret/);
    // The demo's process has exited, and with it the mock: nothing answers on its port any more.
    const url = /Gong mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? "";
    await expect(fetch(`${url}/_mock/stats`)).rejects.toThrow();
  });

  it("--live makes the read-only list call to the server in GONG_BASE_URL", async () => {
    const server = await startGongMock({ rps: 0, bearerToken: "test-bearer-token" });
    try {
      const { code, stdout } = await run(["--live"], {
        GONG_BASE_URL: server.url,
        GONG_BEARER_TOKEN: "test-bearer-token",
        GONG_ACCESS_KEY: "",
        GONG_ACCESS_KEY_SECRET: "",
        GONG_DEMO_CRM_PROSPECT_IDS: "a5V1Q00A120DP4CVAW, 00Q5e00000ABCDEF",
      });
      expect(code).toBe(0);
      expect(stdout).toContain(`Listing the flows of 2 prospect(s) at ${server.url}`);
      expect(stdout).toMatch(/4 flow instance\(s\); Gong request id\(s\): [0-9a-z]{19}\n/);
      expect(stdout).not.toContain("test-bearer-token");
      // One call, and a read.
      expect(server.mock.stats().calls).toEqual({
        listFlows: 0,
        listFlowFolders: 0,
        getFlowSteps: 0,
        listAssignedFlows: 1,
        unassignFlowsByCrmProspectId: 0,
        unassignFlowsByFlowInstanceIds: 0,
        assignProspects: 0,
        submitBulkAssignment: 0,
        getBulkAssignment: 0,
        total: 1,
      });
    } finally {
      await server.close();
    }
  });

  it("--live refuses to run without credentials and says how to provide them", async () => {
    const { code, stdout } = await run(["--live"], {
      GONG_ACCESS_KEY: "",
      GONG_ACCESS_KEY_SECRET: "",
      GONG_BEARER_TOKEN: "",
      GONG_BASE_URL: "",
    });
    expect(code).toBe(1);
    expect(stdout).toContain("GongConfigurationError: No Gong credentials");
    expect(stdout).toContain("GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN");
  });
});
