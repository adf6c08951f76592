// The HTTP door: startGongMock serves the same handlers over a real socket, admin surface included.
import { request as httpRequest } from "node:http";
import { createGongFlowsClient, GongConnectionError, GongTimeoutError } from "@gong-flows/client";
import { afterAll, describe, expect, it } from "vitest";
import { startGongMock, type RunningGongMock } from "../src/node.js";
import { basicAuth, manualClock, noCalls } from "./support/calls.js";

const running: RunningGongMock[] = [];
afterAll(() => Promise.all(running.map((server) => server.close())));
async function start(options: Parameters<typeof startGongMock>[0] = {}): Promise<RunningGongMock> {
  const server = await startGongMock({ rps: 0, ...options });
  running.push(server);
  return server;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { authorization: basicAuth, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("startGongMock", () => {
  it("listens on a free loopback port by default and serves the operations", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const client = createGongFlowsClient({
      baseUrl: server.url,
      auth: { accessKey: "k", accessKeySecret: "s" },
      rateLimit: false,
    });
    const ids = Array.from({ length: 450 }, (_, i) => `demo-${i}`);
    server.mock.seed(ids.map((id, i) => ({ flowInstanceId: id, crmProspectId: `p${i % 150}`, flowId: "f" })));
    const result = await client.unassignByFlowInstanceIds({ flowInstanceIds: ids });
    expect(result.unassignedFlowInstanceIds).toHaveLength(450);
    expect(result.requestIds).toHaveLength(3);
    expect(server.mock.stats().calls.unassignFlowsByFlowInstanceIds).toBe(3);
  });

  it("serves a GET with a path parameter over the wire: submit a bulk assignment, then poll it by id", async () => {
    const server = await start({ bulkAssignments: { startAfterMs: 0, msPerProspect: 0 } });
    const submitted = await post(`${server.url}/v2/flows/prospects/bulk-assignments`, {
      flowId: "1695493301223590793",
      flowInstanceOwnerEmail: "test@test.com",
      prospects: [{ crmId: "a5V1Q00A120DP4CVAX" }],
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const jobUrl = `${server.url}/v2/flows/prospects/bulk-assignments/${id}`;
    const polled = await fetch(jobUrl, { headers: { authorization: basicAuth } });
    expect(await polled.json()).toMatchObject({ id, status: "COMPLETED", successCount: 1 });
    const wrongMethod = await post(jobUrl, {});
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "GET"]);
  });

  it("answers malformed JSON with 400 over the wire", async () => {
    const server = await start();
    const response = await post(`${server.url}/v2/flows/prospects`, '{"crmProspectsIds": [');
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      requestId: expect.any(String),
      errors: ["The request body is not valid JSON."],
    });
  });

  it("answers an unknown path with 404 and a request id", async () => {
    const server = await start();
    const response = await post(`${server.url}/v2/flows/nowhere`, {});
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      requestId: expect.any(String),
      errors: ["No such endpoint: POST /v2/flows/nowhere"],
    });
  });

  it("loses the answer on the socket: the client gets a broken connection, the mock did the work", async () => {
    const server = await start();
    server.mock.injectFault({ operation: "unassignFlowsByFlowInstanceIds", loseAnswer: true });
    const client = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken: "t" },
      rateLimit: false,
      maxRetries: 0,
    });
    const error = await client
      .unassignByFlowInstanceIds({ flowInstanceIds: ["1234361284629356"] })
      .catch((e: unknown) => e);
    expect(error).toSatisfy((e) => e instanceof GongConnectionError || e instanceof GongTimeoutError);
    expect(
      server.mock.flowInstances().find((r) => r.assignedFlow.flowInstanceId === "1234361284629356")?.assigned,
    ).toBe(false);

    // Seen from a raw socket: a 200 status line, half a body, then the connection closes.
    server.mock.injectFault({ operation: "listAssignedFlows", loseAnswer: true });
    const raw = await new Promise<{ status: number | undefined; received: string; aborted: boolean }>((resolve) => {
      const req = httpRequest(
        `${server.url}/v2/flows/prospects`,
        { method: "POST", headers: { authorization: basicAuth, "content-type": "application/json" } },
        (res) => {
          let received = "";
          res.on("data", (chunk: Buffer) => (received += chunk.toString()));
          res.on("aborted", () => resolve({ status: res.statusCode, received, aborted: true }));
          res.on("error", () => resolve({ status: res.statusCode, received, aborted: true }));
          res.on("end", () => resolve({ status: res.statusCode, received, aborted: false }));
        },
      );
      req.end(JSON.stringify({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] }));
    });
    expect(raw.status).toBe(200);
    expect(raw.aborted).toBe(true);
    expect(raw.received.startsWith('{"requestId":')).toBe(true);
    expect(() => JSON.parse(raw.received)).toThrow();
  });

  it("counts a call from when its request arrived, however long its body takes", async () => {
    const clock = manualClock();
    const server = await start({ rps: 1, clock });
    // A slow upload: the headers at 0 ms, the body at 2,000 ms. `Expect: 100-continue` makes the
    // server say when it has the headers (it stamps the arrival then), so nothing here races a timer.
    const slow = new Promise<number | undefined>((resolve) => {
      const headers = { authorization: basicAuth, "content-type": "application/json", expect: "100-continue" };
      const req = httpRequest(`${server.url}/v2/flows/prospects`, { method: "POST", headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("continue", () => {
        clock.advance(2_000);
        req.end(JSON.stringify({ crmProspectsIds: ["a"] }));
      });
      req.flushHeaders();
    });
    expect(await slow).toBe(200);
    // Stamped at 0 ms, it has left the window by 2,000 ms: the next call is admitted.
    expect((await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] })).status).toBe(200);
    expect((await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] })).status).toBe(429);
  });

  it("close() ends open keep-alive connections and frees the port", async () => {
    const server = await startGongMock({ rps: 0 });
    await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] }, { connection: "keep-alive" });
    await server.close();
    await server.close(); // twice is fine
    await expect(fetch(`${server.url}/_mock/stats`)).rejects.toThrow();
  });

  it("reports a port in use", async () => {
    const server = await start();
    await expect(startGongMock({ port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("serves a mock given to it, so that code and HTTP share one state", async () => {
    const first = await start();
    const second = await start({ mock: first.mock });
    await post(`${second.url}/v2/flows/prospects/unassign-flows-by-crm-id`, { crmProspectId: "a5V1Q00A120DP4CVAW" });
    expect(first.mock.stats().flowInstances.unassigned).toBe(2);
  });
});

describe("the admin surface under /_mock/", () => {
  it("GET stats and flow-instances give what the mock's methods give", async () => {
    const server = await start();
    await post(`${server.url}/v2/flows/prospects/unassign-flows-by-instance-id`, {
      flowInstanceIds: ["1234361284629356"],
    });
    await post(`${server.url}/v2/flows/prospects/unassign-flows-by-instance-id`, {
      flowInstanceIds: ["1234361284629356"],
    });
    const stats = await (await fetch(`${server.url}/_mock/stats`)).json();
    expect(stats).toEqual({
      calls: { ...noCalls, unassignFlowsByFlowInstanceIds: 2, total: 2 },
      statuses: { "200": 2 },
      flowInstances: { assigned: 4, unassigned: 1 },
      alreadyUnassignedIdsSent: 1,
    });
    const { flowInstances } = (await (await fetch(`${server.url}/_mock/flow-instances`)).json()) as {
      flowInstances: { assigned: boolean }[];
    };
    expect(flowInstances).toEqual(JSON.parse(JSON.stringify(server.mock.flowInstances())));
    expect(flowInstances.filter((r) => !r.assigned)).toHaveLength(1);
  });

  it("POST faults queues a fault; GET lists the queue; DELETE drops it", async () => {
    const server = await start();
    const queued = await fetch(`${server.url}/_mock/faults`, {
      method: "POST",
      body: JSON.stringify({ operation: "listAssignedFlows", status: 429, retryAfterSeconds: 4, times: 2 }),
    });
    expect(queued.status).toBe(204);
    expect(await (await fetch(`${server.url}/_mock/faults`)).json()).toEqual({
      faults: [{ operation: "listAssignedFlows", status: 429, retryAfterSeconds: 4, times: 2, remaining: 2 }],
    });
    const response = await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] });
    expect([response.status, response.headers.get("retry-after")]).toEqual([429, "4"]);
    expect((await fetch(`${server.url}/_mock/faults`, { method: "DELETE" })).status).toBe(204);
    expect((await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["a"] })).status).toBe(200);
  });

  it("refuses a bad fault or seed with 400 and the JSON pointer of the problem", async () => {
    const server = await start();
    const fault = await fetch(`${server.url}/_mock/faults`, { method: "POST", body: JSON.stringify({ status: 700 }) });
    expect([fault.status, await fault.json()]).toEqual([400, { errors: ["/status: must be <= 599"] }]);
    const notJson = await fetch(`${server.url}/_mock/faults`, { method: "POST", body: "{" });
    expect([notJson.status, await notJson.json()]).toEqual([
      400,
      { errors: ["POST /_mock/faults: the body is not valid JSON"] },
    ]);
    const seed = await fetch(`${server.url}/_mock/seed`, {
      method: "POST",
      body: JSON.stringify({
        assignedFlows: [{ flowInstanceId: "i", crmProspectId: "p", flowId: "f", exclusive: "yes" }],
      }),
    });
    expect([seed.status, await seed.json()]).toEqual([
      400,
      { errors: ["/assignedFlows/0/exclusive: must be boolean"] },
    ]);
  });

  it("POST seed adds flow instances; POST reset brings back the starting data set and zeroes the counters", async () => {
    const server = await start({ assignedFlows: [{ flowInstanceId: "start", crmProspectId: "p", flowId: "f" }] });
    const seeded = await fetch(`${server.url}/_mock/seed`, {
      method: "POST",
      body: JSON.stringify({ assignedFlows: [{ flowInstanceId: "added", crmProspectId: "p", flowId: "f" }] }),
    });
    expect(seeded.status).toBe(204);
    const listed = (await (await post(`${server.url}/v2/flows/prospects`, { crmProspectsIds: ["p"] })).json()) as {
      prospectsAssigned: { flowInstanceId: string }[];
    };
    expect(listed.prospectsAssigned.map((f) => f.flowInstanceId)).toEqual(["start", "added"]);
    expect((await fetch(`${server.url}/_mock/reset`, { method: "POST" })).status).toBe(204);
    expect(server.mock.stats()).toMatchObject({ calls: { total: 0 }, flowInstances: { assigned: 1, unassigned: 0 } });
  });

  it("POST seed adds flows, folders, steps and CRM prospects too; GET catalogue shows what the mock holds", async () => {
    const server = await start({ assignedFlows: [{ flowInstanceId: "start", crmProspectId: "p", flowId: "f" }] });
    const seeded = await fetch(`${server.url}/_mock/seed`, {
      method: "POST",
      body: JSON.stringify({
        flows: [{ id: "new-flow", name: "New", visibility: "Company" }],
        steps: { "new-flow": [{ id: "s", stepOrder: 1, action: "CALL" }] },
        crmProspects: [{ crmId: "lead-9" }],
      }),
    });
    expect(seeded.status).toBe(204);
    const catalogue = await (await fetch(`${server.url}/_mock/catalogue`)).json();
    expect(catalogue).toEqual(JSON.parse(JSON.stringify(server.mock.catalogue())));
    expect(catalogue).toEqual({
      flows: [
        { id: "f", visibility: "Company" },
        { id: "new-flow", name: "New", visibility: "Company" },
      ],
      folders: [],
      steps: { "new-flow": [{ id: "s", stepOrder: 1, action: "CALL" }] },
      crmProspects: [{ crmId: "p" }, { crmId: "lead-9" }],
    });
    const assigned = (await (
      await post(`${server.url}/v2/flows/prospects/assign`, {
        flowId: "new-flow",
        crmProspectsIds: ["lead-9"],
        flowInstanceOwnerEmail: "test@test.com",
      })
    ).json()) as { prospectsAssigned: unknown[] };
    expect(assigned.prospectsAssigned).toHaveLength(1);
  });

  it("POST a hold fault, GET held, POST release: a call whose caller gave up is still acted on once released", async () => {
    const server = await start();
    const queued = await fetch(`${server.url}/_mock/faults`, {
      method: "POST",
      body: JSON.stringify({ hold: "gone", operation: "unassignFlowsByFlowInstanceIds" }),
    });
    expect(queued.status).toBe(204);
    const caller = new AbortController();
    const abandoned = fetch(`${server.url}/v2/flows/prospects/unassign-flows-by-instance-id`, {
      method: "POST",
      headers: { authorization: basicAuth, "content-type": "application/json" },
      body: JSON.stringify({ flowInstanceIds: ["1234361284629356"] }),
      signal: caller.signal,
    }).catch((error: unknown) => error);
    for (let i = 0; i < 200 && server.mock.held().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const held = (await (await fetch(`${server.url}/_mock/held`)).json()) as {
      held: { hold: string; operation: string }[];
    };
    expect(held.held).toMatchObject([{ hold: "gone", operation: "unassignFlowsByFlowInstanceIds" }]);
    caller.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    const bad = await fetch(`${server.url}/_mock/release`, { method: "POST", body: JSON.stringify({ hold: 3 }) });
    expect([bad.status, await bad.json()]).toEqual([400, { errors: ["/hold: must be a non-empty string"] }]);
    const released = await fetch(`${server.url}/_mock/release`, {
      method: "POST",
      body: JSON.stringify({ hold: "gone" }),
    });
    expect(await released.json()).toEqual({ released: 1 });
    expect(server.mock.stats().flowInstances).toEqual({ assigned: 4, unassigned: 1 });
    expect(await (await fetch(`${server.url}/_mock/held`)).json()).toEqual({ held: [] });
  });

  it("answers an unknown admin route with 404", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/_mock/nope`);
    expect([response.status, await response.json()]).toEqual([
      404,
      { errors: ["No admin route GET /_mock/nope; see the README of @gong-flows/mock."] },
    ]);
  });
});
