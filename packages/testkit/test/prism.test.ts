import { describe, expect, it } from "vitest";
import { processGroupAlive, startPrism } from "../src/index.js";

const basic = `Basic ${btoa("test-access-key:test-secret")}`;

describe("startPrism", () => {
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
