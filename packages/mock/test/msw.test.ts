// The MSW door: `setupServer(...gongHandlers(mock))` in a vitest test, with @gong-flows/client (or
// plain fetch) talking to it as it would to Gong.
import {
  createGongFlowsClient,
  GongAuthenticationError,
  GongRateLimitError,
  GongServerError,
} from "@gong-flows/client";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGongMock, gongHandlers } from "../src/index.js";
import { basicAuth } from "./support/calls.js";

const mock = createGongMock({ rps: 0, accessKey: "key", accessKeySecret: "secret" });
const other = createGongMock({
  rps: 0,
  assignedFlows: [{ flowInstanceId: "elsewhere-1", crmProspectId: "p", flowId: "f" }],
});
const server = setupServer(
  ...gongHandlers(mock),
  ...gongHandlers(other, { baseUrl: "https://eu.api.example.com/gong/" }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

// Created after listen(), as the client binds the fetch it finds when it is created.
const gong = () =>
  createGongFlowsClient({
    auth: { accessKey: "key", accessKeySecret: "secret" },
    rateLimit: false,
    retryDelay: { initialMs: 0, maxMs: 0 },
  });

describe("gongHandlers with @gong-flows/client", () => {
  it("serves Gong's default base URL: list, unassign 2, list shows them gone", async () => {
    const client = gong();
    const before = await client.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });
    expect(before.flows.map((f) => f.flowInstanceId)).toEqual(["1234361284629356", "1234361284629357"]);
    const result = await client.unassignByFlowInstanceIds({
      flowInstanceIds: ["1234361284629356", "1234361284629357", "unknown"],
    });
    expect(result.unassignedFlowInstanceIds).toEqual(["1234361284629356", "1234361284629357"]);
    expect(result.notUnassignedFlowInstanceIds).toEqual(["unknown"]);
    expect((await client.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] })).flows).toEqual([]);
    expect(mock.stats().calls.total).toBe(3);
  });

  it("serves another base URL, path prefix included, from another mock", async () => {
    const client = createGongFlowsClient({
      baseUrl: "https://eu.api.example.com/gong",
      auth: { bearerToken: "t" },
      rateLimit: false,
    });
    const { flows } = await client.listAssignedFlows({ crmProspectsIds: ["p"] });
    expect(flows.map((f) => f.flowInstanceId)).toEqual(["elsewhere-1"]);
    expect(mock.stats().calls.total).toBe(0);
  });

  it("the client sees the mock's errors as its typed errors: 401, 429 held then retried, 5xx", async () => {
    const wrong = createGongFlowsClient({ auth: { accessKey: "key", accessKeySecret: "nope" }, rateLimit: false });
    await expect(wrong.listAssignedFlows({ crmProspectsIds: ["a"] })).rejects.toBeInstanceOf(GongAuthenticationError);

    mock.injectFault({ operation: "listAssignedFlows", status: 429, retryAfterSeconds: 0 });
    const events: string[] = [];
    const client = createGongFlowsClient({
      auth: { accessKey: "key", accessKeySecret: "secret" },
      rateLimit: false,
      logger: (e) => events.push(`${e.type}`),
    });
    expect((await client.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] })).flows).toHaveLength(2);
    expect(events).toContain("rate-limited");

    mock.injectFault({ status: 429, retryAfterSeconds: 3600 });
    await expect(gong().listAssignedFlows({ crmProspectsIds: ["a"] })).rejects.toBeInstanceOf(GongRateLimitError);

    mock.injectFault({ status: 500, times: 4 });
    await expect(gong().listAssignedFlows({ crmProspectsIds: ["a"] })).rejects.toBeInstanceOf(GongServerError);
  });

  it("a lost answer leaves the client unsure while the mock did the work", async () => {
    mock.injectFault({ operation: "unassignFlowsByCrmProspectId", loseAnswer: true });
    await expect(
      createGongFlowsClient({
        auth: { accessKey: "key", accessKeySecret: "secret" },
        rateLimit: false,
        maxRetries: 0,
      }).unassignByCrmProspectId({ crmProspectId: "a5V1Q00A120DP4CVAW" }),
    ).rejects.toThrow();
    expect(mock.stats().flowInstances.unassigned).toBe(2);
  });
});

describe("gongHandlers with plain fetch", () => {
  it("answers another method on an operation's path with 405 and Allow: POST", async () => {
    const response = await fetch("https://api.gong.io/v2/flows/prospects", {
      method: "GET",
      headers: { authorization: basicAuth },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({
      requestId: expect.any(String),
      errors: ["GET is not allowed on /v2/flows/prospects: use POST."],
    });
  });

  it("serves the GET operations with their query, under a base URL's path prefix too; POST there is a 405 with Allow: GET", async () => {
    const query = "flowOwnerEmail=someone%40example.com";
    const authorization = `Basic ${btoa("key:secret")}`;
    const flows = await fetch(`https://api.gong.io/v2/flows?${query}`, { headers: { authorization } });
    expect(flows.status).toBe(200);
    expect(((await flows.json()) as { flows: unknown[] }).flows).toHaveLength(3);
    const elsewhere = await fetch(`https://eu.api.example.com/gong/v2/flows?${query}`, {
      headers: { authorization: basicAuth },
    });
    expect(await elsewhere.json()).toMatchObject({ flows: [{ id: "f", visibility: "Company" }] });
    const posted = await fetch(`https://api.gong.io/v2/flows?${query}`, { method: "POST", headers: { authorization } });
    expect([posted.status, posted.headers.get("allow")]).toEqual([405, "GET"]);
  });

  it("serves the admin surface under /_mock/ too", async () => {
    const stats = await (await fetch("https://api.gong.io/_mock/stats")).json();
    expect(stats).toEqual(mock.stats());
  });

  it("can sit beside a user's own handlers, which take precedence with server.use", async () => {
    server.use(
      http.post("https://api.gong.io/v2/flows/prospects", () =>
        HttpResponse.json({ requestId: "mine", prospectsAssigned: [] }),
      ),
    );
    try {
      const { requestIds } = await gong().listAssignedFlows({ crmProspectsIds: ["a"] });
      expect(requestIds).toEqual(["mine"]);
    } finally {
      server.resetHandlers();
    }
  });

  it("leaves admin routes out with { admin: false }", () => {
    const paths = gongHandlers(mock, { admin: false }).map((handler) => handler.info.path);
    expect(paths.some((path) => String(path).includes("/_mock/"))).toBe(false);
    expect(gongHandlers(mock).some((handler) => String(handler.info.path).includes("/_mock/"))).toBe(true);
  });

  it("refuses a base URL MSW could not match", () => {
    expect(() => gongHandlers(mock, { baseUrl: "api.gong.io" })).toThrow("baseUrl must be an absolute URL");
    expect(() => gongHandlers(mock, { baseUrl: "https://api.gong.io/?x=1" })).toThrow("must not have a query");
  });
});
