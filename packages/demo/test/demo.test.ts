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
  it("against @gong-flows/mock: 450 unassigned, a list shows them gone, a flow found by name, 152 prospects assigned and looked up by instance id, a bulk assignment waited for, a forced 429 shows the wait; then the mock is stopped", async () => {
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
    // Find a flow by name: the pagers follow records.cursor over the mock's pages of two folders or flows.
    expect(stdout).toContain("its folders: Outbound, My drafts, Events, Webinars (2 page requests)\n");
    expect(stdout).toContain(
      "   - Re-engagement · Personal · folder My drafts\n   - Webinar Invite · Shared · folder Webinars\n",
    );
    expect(stdout).toMatch(
      /found it, id 1695493301223002764, after 3 page requests( \(and \d+ retr(y|ies): [^)]*\))?: the iterator/,
    );
    expect(stdout).toContain(
      'step 1: AUTO_SEND_EMAIL "You are invited: {{webinar_title}}"\n   1 step(s); Gong request id',
    );
    // Assign: two requests, every prospect in exactly one list, Gong's reasons for the two refused.
    expect(stdout).toMatch(/2 requests of 100 \+ 52 prospects( \(and \d+ retr(y|ies): [^)]*\))?, in/);
    expect(stdout).toContain("assigned (a new flow instance each): 150\n");
    expect(stdout).toContain("not assigned (Gong said why):        2\n");
    expect(stdout).toContain(
      '- 00Q5e00000ABCDEF: InvalidState, "The prospect is already assigned to an exclusive flow"',
    );
    expect(stdout).toContain('- demo-no-such-prospect: InvalidArgument, "Invalid crmId demo-no-such-prospect"');
    expect(stdout).toContain("unconfirmed (Gong named it nowhere): 0\n");
    expect(stdout).toContain("accounted for: 152 of 152");
    // The list by flow instance id: the new instances, and the finished one step 2 ended.
    expect(stdout).toMatch(
      /151 flow instance\(s\) in 2 requests of at most 100( \(and [^)]*\))?: 150 Pending, 1 Finished\n/,
    );
    expect(stdout).toMatch(
      /- Webinar Invite · prospect demo-prospect-00001 · Pending since \d{4}-\d\d-\d\d · instance \d+\n/,
    );
    expect(stdout).toContain(
      "- SDR Flow · prospect demo-prospect-00001 · Finished since 2025-01-01 · instance instance-000001\n",
    );
    // The bulk assignment: accepted as PENDING, polled to COMPLETED, a result per prospect.
    expect(stdout).toMatch(/accepted: job [0-9a-f-]{36}, PENDING, 2 prospects\n/);
    expect(stdout).toMatch(/COMPLETED after [1-9]\d* poll\(s\) in \d+\.\d s: 2 assigned, 0 not\n/);
    expect(stdout).toMatch(/- a5V1Q00A120DP4CVAX: ASSIGNED, instance \d+\n/);
    expect(stdout).toMatch(/- Jon Snow \(new CRM id [^)]+\): ASSIGNED, instance \d+\n/);
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
        GONG_DEMO_FLOW_OWNER_EMAIL: "",
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

  it("--live with GONG_DEMO_FLOW_OWNER_EMAIL lists that user's flows too, every page, and still only reads", async () => {
    const server = await startGongMock({ rps: 0, bearerToken: "test-bearer-token", pageSize: 2 });
    try {
      const { code, stdout } = await run(["--live"], {
        GONG_BASE_URL: server.url,
        GONG_BEARER_TOKEN: "test-bearer-token",
        GONG_ACCESS_KEY: "",
        GONG_ACCESS_KEY_SECRET: "",
        GONG_DEMO_CRM_PROSPECT_IDS: "",
        GONG_DEMO_FLOW_OWNER_EMAIL: "sdr@example.com",
      });
      expect(code).toBe(0);
      expect(stdout).toContain("Listing the flows of sdr@example.com ...\n");
      // sdr@example.com sees the company's three flows and the one shared with it, not test@test.com's own.
      expect(stdout).toContain("   - Webinar Invite · Shared · id 1695493301223002764\n");
      expect(stdout).not.toContain("Re-engagement");
      expect(stdout).toMatch(/\n {3}4 flow\(s\)\n/);
      const calls = server.mock.stats().calls;
      expect(calls).toMatchObject({ listAssignedFlows: 1, listFlows: 2, total: 3 });
      expect(calls.assignProspects + calls.submitBulkAssignment + calls.unassignFlowsByCrmProspectId).toBe(0);
      expect(calls.unassignFlowsByFlowInstanceIds).toBe(0);
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
