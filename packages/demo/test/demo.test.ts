import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "@gong-flows/testkit";
import { describe, expect, it } from "vitest";

const demo = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/demo.js");

function run(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolvePromise) => {
    execFile(process.execPath, [demo, ...args], { env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Process ids of every process whose command line holds `--port <port>` (a Prism on that port). */
async function processesOnPort(port: string): Promise<string[]> {
  const { readdir, readFile } = await import("node:fs/promises");
  const pids: string[] = [];
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    const at = args.indexOf("--port");
    if (at !== -1 && args[at + 1] === port) pids.push(pid);
  }
  return pids;
}

describe("pnpm demo", () => {
  it("tours the three operations against Prism and stops it", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Prism is listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain("SDR Flow · prospect a5V1Q00A120DP4CVAW · Running since 2019-01-20");
    expect(stdout).toContain("3 requests of 200 + 200 + 50 ids");
    expect(stdout).toContain("accounted for:                450 of 450");
    expect(stdout).toContain("/crmProspectIds: is not a known property");
    expect(stdout).toContain("GongAuthenticationError: Gong answered 401 Unauthorized");
    expect(stdout).toContain("Prism stopped.");
    expect(stdout).not.toContain("demo-secret");
    // The demo's own Prism (found by its port; other tests may run Prisms of their own) is gone, and
    // nothing answers on its port any more.
    const port = /Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1] ?? "";
    expect(await processesOnPort(port)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/v2/flows/prospects`, { method: "POST" })).rejects.toThrow();
  });

  it("--live makes the read-only list call to the server in GONG_BASE_URL", async () => {
    const prism = await startPrism();
    try {
      const { code, stdout } = await run(["--live"], {
        GONG_BASE_URL: prism.url,
        GONG_BEARER_TOKEN: "test-bearer-token",
        GONG_ACCESS_KEY: "",
        GONG_ACCESS_KEY_SECRET: "",
        GONG_DEMO_CRM_PROSPECT_IDS: "a5V1Q00A120DP4CVAW, 00Q5e00000ABCDEF",
      });
      expect(code).toBe(0);
      expect(stdout).toContain(`Listing the flows of 2 prospect(s) at ${prism.url}`);
      expect(stdout).toContain("1 flow instance(s); Gong request id(s): 4al018gzaztcr8nbukw");
      expect(stdout).not.toContain("test-bearer-token");
    } finally {
      await prism.stop();
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
