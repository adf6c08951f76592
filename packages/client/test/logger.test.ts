import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGongFlowsClient, type GongLogEvent, type GongLogger } from "../src/index.js";
import { bearerToken } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on("unhandledRejection", onUnhandled);
// The worker runs other files after this one (shared modules): leave its process as found.
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterEach(() => {
  unhandled.length = 0;
});

/** Lets pending rejections surface as "unhandled", if any were left unhandled. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("a logger that fails", () => {
  it.each<[string, GongLogger]>([
    [
      "throws",
      () => {
        throw new Error("log store down");
      },
    ],
    ["returns a rejected promise", async () => Promise.reject(new Error("log store down"))],
    [
      "returns a thenable whose then throws",
      (() => ({
        // biome-ignore lint/suspicious/noThenProperty: a thenable that misbehaves is the case under test.
        then: () => {
          throw new Error("odd thenable");
        },
      })) as GongLogger,
    ],
  ])("never breaks a call, and never causes an unhandled rejection, when it %s", async (_label, logger) => {
    server.script({ status: 503 }, { status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["f1"] } });
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken },
      rateLimit: false,
      retryDelay: { initialMs: 1, maxMs: 2 },
      logger,
    });
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" })).resolves.toEqual({
      unassignedFlowInstanceIds: ["f1"],
      requestId: "r",
      unconfirmed: true,
    });
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("is called with every event (the check above is not vacuous)", async () => {
    const events: GongLogEvent[] = [];
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken },
      logger: (event) => events.push(event),
    });
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
  });
});
