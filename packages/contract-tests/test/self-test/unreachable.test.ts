// A target that cannot be reached is one sentence and exit 2, not fifteen contract violations.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run-command.js";

/** A loopback port nothing listens on: taken from the system, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("gong-flows-contract against a target it cannot reach", () => {
  it("says it could not reach the URL and exits 2, before any check", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    let stdout = "";
    let stderr = "";
    const code = await run(
      ["--target", "live", "--base-url", baseUrl, "--rps", "0"],
      { GONG_ACCESS_KEY: "k-unreachable", GONG_ACCESS_KEY_SECRET: "s-unreachable" },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
      },
    );
    expect(code).toBe(2);
    expect(stderr).toBe(`gong-flows-contract: could not reach ${baseUrl} (ECONNREFUSED)\n`);
    expect(stdout).not.toMatch(/violation|counterexample/i);
  });
});
