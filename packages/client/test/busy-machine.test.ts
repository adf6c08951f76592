// The memory store's promise held where Gong counts, with every core busy (testkit's burners), each
// request up to 50 ms late at random and new connections held 70 ms. Why the slack matters even though
// this test passes without it: docs/design/request-spacing.md (rate-limit.test.ts shows it failing).
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  achievedRate,
  killProcessGroup,
  maxInWindow,
  raiseGroupPriority,
  spawnInGroup,
  startCpuBurners,
  type CpuBurners,
} from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGongFlowsClient } from "../src/index.js";
import { bearerToken } from "./support/client.js";

let child: ChildProcess;
let baseUrl: string;
let burners: CpuBurners | undefined;

beforeAll(async () => {
  child = spawnInGroup(
    process.execPath,
    [fileURLToPath(new URL("./support/recording-server.mjs", import.meta.url)), "--jitter-ms=50"],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once("exit", (code) => reject(new Error(`the recording server exited with ${code}`)));
  });
  await raiseGroupPriority(child.pid as number);
  burners = startCpuBurners();
});
afterAll(async () => {
  await Promise.all([burners?.stop(), killProcessGroup(child)]);
});

describe("the memory store on a machine whose every core is busy", () => {
  it.each([1, 4])(
    "keeps every one-second window at the server within the limit, %i call(s) in flight",
    async (concurrency) => {
      const before = ((await (await fetch(`${baseUrl}/arrivals`)).json()) as number[]).length;
      // 10 a second: a timer on a machine this busy (burners and other test runs) fires up to tens of ms
      // late, which at 20 a second was a third of the interval and failed the lower bound below on load alone.
      const rps = 10;
      const gong = createGongFlowsClient({ baseUrl, auth: { bearerToken }, rateLimit: { requestsPerSecond: rps } });
      // 40 prospects taken out of their flows, one request each, `concurrency` at a time: 4 s at the limit.
      const ids = Array.from({ length: 40 }, (_, i) => `p${concurrency}x${i}`);
      await Promise.all(
        Array.from({ length: concurrency }, async (_, lane) => {
          for (let i = lane; i < ids.length; i += concurrency)
            await gong.unassignByCrmProspectId({ crmProspectId: ids[i] as string });
        }),
      );
      const times = ((await (await fetch(`${baseUrl}/arrivals`)).json()) as number[]).slice(before);
      expect(times).toHaveLength(40);
      expect(maxInWindow(times)).toBeLessThanOrEqual(rps);
      // Not slower than it need be either: a third of the limit lost would be a spacing bug, not load.
      expect(achievedRate(times)).toBeGreaterThanOrEqual(0.66 * rps);
    },
  );
});
