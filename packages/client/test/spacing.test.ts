// Spacing measured at the server, in a process of its own, the first request on a new connection (held
// 70 ms, as a handshake) and the machine busy: no one-second window holds more than requestsPerSecond.
// Without the new-connection gate (src/new-connection-gate.ts) one second mostly holds 11.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { killProcessGroup, maxInWindow, spawnInGroup } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGongFlowsClient } from "../src/index.js";
import { bearerToken } from "./support/client.js";

let child: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  child = spawnInGroup(process.execPath, [fileURLToPath(new URL("./support/recording-server.mjs", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once("exit", (code) => reject(new Error(`the recording server exited with ${code}`)));
  });
});
afterAll(() => killProcessGroup(child));

/** Keeps this process's event loop busy: blocks it for `blockMs` out of every `everyMs`. */
function busyEventLoop(blockMs: number, everyMs: number): () => void {
  const timer = setInterval(() => {
    const end = performance.now() + blockMs;
    while (performance.now() < end);
  }, everyMs);
  return () => clearInterval(timer);
}

async function arrivals(): Promise<number[]> {
  return (await (await fetch(`${baseUrl}/arrivals`)).json()) as number[];
}

describe("rate-limit spacing, measured at the server", () => {
  it("never lets more than requestsPerSecond requests arrive in one second, new connections and a busy machine included", async () => {
    const before = (await arrivals()).length;
    const stop = busyEventLoop(10, 40);
    try {
      // A fresh client whose first request opens a new connection; 25 calls at once, 10 a second.
      const gong = createGongFlowsClient({ baseUrl, auth: { bearerToken }, rateLimit: { requestsPerSecond: 10 } });
      await Promise.all(Array.from({ length: 25 }, (_, i) => gong.unassignByCrmProspectId({ crmProspectId: `p${i}` })));
    } finally {
      stop();
    }
    const times = (await arrivals()).slice(before);
    expect(times).toHaveLength(25);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10);
  });
});
