import { describe, expect, it } from "vitest";
import { processGroupAlive, startPrism } from "../src/index.js";

const basic = `Basic ${btoa("test-access-key:test-secret")}`;

// Each test starts a Prism of its own and judges it by its own process group, so they run at once:
// most of their time is Prism starting.
describe.concurrent("startPrism", () => {
  it("serves the spec's example on 127.0.0.1 and leaves no process behind when stopped", async () => {
    const prism = await startPrism();
    let pid: number;
    try {
      pid = prism.pid;
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${prism.url}/v2/flows/prospects`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: basic },
        body: JSON.stringify({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { prospectsAssigned?: { flowInstanceStatus?: string }[] };
      expect(body.prospectsAssigned?.[0]?.flowInstanceStatus).toBe("Running");
    } finally {
      await prism.stop();
    }
    expect(processGroupAlive(pid)).toBe(false);
    await expect(fetch(`${prism.url}/v2/flows/prospects`, { method: "POST" })).rejects.toThrow();
  });

  it("can be stopped twice and through `await using`-style disposal", async () => {
    const prism = await startPrism();
    await prism[Symbol.asyncDispose]();
    await prism.stop();
    expect(processGroupAlive(prism.pid)).toBe(false);
  });

  it("fails with Prism's own output when the spec cannot be read", async () => {
    await expect(startPrism({ specPath: "/nonexistent/openapi.yaml", startTimeoutMs: 20_000 })).rejects.toThrow(
      /Prism exited before it was ready|did not start/,
    );
  });
});

describe.concurrent("a test run killed before its teardown", () => {
  it("takes its Prism with it, even when it dies by SIGKILL", async () => {
    const { spawn } = await import("node:child_process");
    const dist = new URL("../dist/index.js", import.meta.url).href;
    // A stand-in for a test run: starts Prism, reports its group, and waits to be killed.
    const run = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { startPrism } = await import(${JSON.stringify(dist)}); const p = await startPrism(); console.log(p.pid); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      run.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      run.once("exit", (code) => reject(new Error(`the run exited early (${code})`)));
    });
    expect(processGroupAlive(pid)).toBe(true);
    run.kill("SIGKILL");
    const deadline = Date.now() + 40_000; // the watchdog notices at once; the margin is for a busy machine
    while (processGroupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processGroupAlive(pid)).toBe(false);
  });
});
