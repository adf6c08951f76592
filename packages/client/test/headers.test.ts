import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGongFlowsClient, GongConfigurationError } from "../src/index.js";
import { bearerToken, rejectionOf, testClient } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();
afterEach(() => vi.unstubAllGlobals());

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("identification", () => {
  it("names the client and its version in User-Agent on every request", async () => {
    server.script({ status: 503 }, { status: 200, body: {} });
    const { gong } = testClient(server.url);
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] } });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) expect(request.headers["user-agent"]).toBe(`gong-flows-client/${version}`);
  });

  it("uses X-Gong-Flows-Client in a browser, where a page cannot set User-Agent", async () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken } });
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(server.requests[0]?.headers["x-gong-flows-client"]).toBe(`gong-flows-client/${version}`);
    expect(server.requests[0]?.headers["user-agent"]).not.toContain("gong-flows-client");
  });
});

describe("per-call headers", () => {
  it("go on every request of the call, after the client's own", async () => {
    server.script({ status: 500 }, { status: 200, body: {} });
    const { gong } = testClient(server.url);
    await gong.listAssignedFlows(
      { crmProspectsIds: ["p1"] },
      { headers: { "X-Trace-Id": "trace-1", "User-Agent": "my-app/2" } },
    );
    for (const request of server.requests) {
      expect(request.headers["x-trace-id"]).toBe("trace-1");
      expect(request.headers["user-agent"]).toBe("my-app/2");
      expect(request.headers["authorization"]).toMatch(/^Basic /);
    }
  });

  it("go with raw calls too", async () => {
    const { gong } = testClient(server.url);
    await gong.raw.POST("/v2/flows/prospects", {
      body: { crmProspectsIds: ["p1"] },
      headers: { "x-trace-id": "trace-2" },
    });
    expect(server.requests[0]?.headers["x-trace-id"]).toBe("trace-2");
  });

  it.each([
    ["authorization", { Authorization: "Bearer other" }, /authorization cannot be set per call/],
    [
      "a value with CR/LF",
      { "x-trace-id": "a\r\nInjected: 1" },
      /"x-trace-id" is not a valid header name, or its value cannot go in a header/,
    ],
    ["a bad name", { "x trace": "a" }, /"x trace" is not a valid header name/],
  ])("refuse %s before anything is sent", async (_label, headers, message) => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { headers }));
    expect(error).toBeInstanceOf(GongConfigurationError);
    expect((error as Error).message).toMatch(message);
    const raw = await rejectionOf(gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] }, headers }));
    expect(raw).toBeInstanceOf(GongConfigurationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("middleware", () => {
  it("added with raw.use applies to the methods' requests too", async () => {
    const { gong } = testClient(server.url);
    gong.raw.use({
      onRequest({ request }) {
        request.headers.set("x-trace-id", "from-middleware");
      },
    });
    await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["f1"] });
    expect(server.requests[0]?.headers["x-trace-id"]).toBe("from-middleware");
  });
});
