import { describe, expect, it } from "vitest";
import {
  GongAbortError,
  GongAuthenticationError,
  GongBadRequestError,
  GongConnectionError,
  GongPermissionError,
  GongRateLimitError,
  GongServerError,
  GongTimeoutError,
} from "../src/index.js";
import { startFaultServer, useFaultServer } from "./support/fault-server.js";
import { rejectionOf, testClient } from "./support/client.js";

const server = await useFaultServer();

const ok = { status: 200, body: { requestId: "req-ok", unassignedFlowInstanceIds: ["f1"] } } as const;
const tooMany = (retryAfter?: string) => ({
  status: 429,
  headers: retryAfter === undefined ? {} : { "retry-after": retryAfter },
  body: { requestId: "req-429", errors: ["API request limit exceeded"] },
});
const gap = (i: number) => (server.requests[i]?.at ?? 0) - (server.requests[i - 1]?.at ?? 0);

describe("429 answers", () => {
  it("waits the Retry-After seconds, then retries", async () => {
    server.script(tooMany("1"), ok);
    const { gong } = testClient(server.url);
    const result = await gong.unassignByCrmProspectId({ crmProspectId: "p1" });
    expect(result).toEqual({ unassignedFlowInstanceIds: ["f1"], requestId: "req-ok" });
    expect(server.requests).toHaveLength(2);
    expect(gap(1)).toBeGreaterThanOrEqual(950);
  });

  it("reads Retry-After given as an HTTP date", async () => {
    // HTTP dates have whole seconds: two seconds ahead means a wait of more than one second.
    const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString();
    server.script(tooMany(date), ok);
    const { gong } = testClient(server.url);
    await gong.unassignByCrmProspectId({ crmProspectId: "p1" });
    expect(server.requests).toHaveLength(2);
    expect(gap(1)).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ["missing", undefined],
    ["garbage", "soon-ish"],
    ["negative", "-5"],
  ])("falls back to backoff when Retry-After is %s", async (_label, header) => {
    server.script(tooMany(header), ok);
    const { gong, events } = testClient(server.url);
    await gong.unassignByCrmProspectId({ crmProspectId: "p1" });
    expect(server.requests).toHaveLength(2);
    // The test client's backoff is at most 20 ms for the first retry.
    expect(gap(1)).toBeLessThan(500);
    const limited = events.find((e) => e.type === "rate-limited");
    expect(limited).toMatchObject({ retryAfterMs: undefined });
  });

  it("throws GongRateLimitError at once when Retry-After is longer than maxRetryAfterMs", async () => {
    server.script(tooMany("3600"), ok);
    const { gong } = testClient(server.url, { maxRetryAfterMs: 60_000 });
    const started = Date.now();
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    // Not the hour it was told to wait (the margin is for a busy machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(GongRateLimitError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 3_600_000,
      requestId: "req-429",
      errors: ["API request limit exceeded"],
    });
    expect((error as Error).message).toContain("wait 3600 s");
    expect(server.requests).toHaveLength(1);
  });

  it("then fails the client's next calls fast, without sending them, while the hold lasts", async () => {
    server.script(tooMany("3600"), ok);
    const { gong } = testClient(server.url, { maxRetryAfterMs: 60_000 });
    await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    const next = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p2" }));
    expect(next).toBeInstanceOf(GongRateLimitError);
    expect((next as GongRateLimitError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect((next as Error).message).toMatch(/^Not sent/);
    expect(server.requests).toHaveLength(1);
  });

  it("throws GongRateLimitError after the last retry", async () => {
    server.script(tooMany("0"));
    const { gong } = testClient(server.url, { maxRetries: 2 });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 0 });
    expect(server.requests).toHaveLength(3);
  });
});

describe("server errors and lost connections", () => {
  it.each([500, 502, 503, 504])("retries a %i and returns the success that follows", async (status) => {
    server.script({ status, body: { requestId: `req-${status}`, errors: ["boom"] } }, ok);
    const { gong } = testClient(server.url);
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" })).resolves.toMatchObject({ requestId: "req-ok" });
    expect(server.requests).toHaveLength(2);
  });

  it("throws GongServerError with Gong's request id once the retries run out", async () => {
    server.script({ status: 500, body: { requestId: "req-500", errors: ["An error has occurred"] } });
    const { gong } = testClient(server.url, { maxRetries: 3 });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongServerError);
    expect(error).toMatchObject({
      status: 500,
      requestId: "req-500",
      errors: ["An error has occurred"],
      operation: "unassignFlowsByCrmProspectId",
    });
    expect(server.requests).toHaveLength(4);
  });

  it("retries a connection reset", async () => {
    server.script({ reset: true }, ok);
    const { gong } = testClient(server.url);
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" })).resolves.toMatchObject({ requestId: "req-ok" });
    expect(server.requests).toHaveLength(2);
  });

  it("throws GongConnectionError when the connection keeps failing", async () => {
    server.script({ reset: true });
    const { gong } = testClient(server.url, { maxRetries: 1 });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongConnectionError);
    expect(server.requests).toHaveLength(2);
  });

  it("throws GongConnectionError when nothing listens", async () => {
    const closed = await startFaultServer();
    await closed.close();
    const { gong } = testClient(closed.url, { maxRetries: 1 });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongConnectionError);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});

describe("timeouts", () => {
  it("retries an attempt that gets no answer within timeoutMs", async () => {
    server.script({ hang: true }, ok);
    // Long enough that the answered retry is never timed out too on a busy machine.
    const { gong } = testClient(server.url, { timeoutMs: 3_000 });
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" })).resolves.toMatchObject({ requestId: "req-ok" });
    expect(server.requests).toHaveLength(2);
  });

  it("throws GongTimeoutError when every attempt hangs, including a body that never ends", async () => {
    server.script({ hangBody: true, status: 200 });
    const { gong } = testClient(server.url, { timeoutMs: 150, maxRetries: 1 });
    const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
    expect(error).toBeInstanceOf(GongTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 150 });
    expect(server.requests).toHaveLength(2);
  });

  it("takes a per-call timeoutMs and maxRetries over the client's", async () => {
    server.script({ hang: true });
    const { gong } = testClient(server.url, { timeoutMs: 30_000, maxRetries: 3 });
    const error = await rejectionOf(
      gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { timeoutMs: 100, maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(GongTimeoutError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("answers that are never retried", () => {
  it.each([
    [400, GongBadRequestError],
    [401, GongAuthenticationError],
    [403, GongPermissionError],
  ] as const)("sends a request answered %i once and throws its typed error", async (status, ErrorClass) => {
    server.script({ status, body: { requestId: `req-${status}`, errors: [`error ${status}`] } });
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      status,
      requestId: `req-${status}`,
      errors: [`error ${status}`],
      operation: "listAssignedFlows",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("throws a plain GongApiError for another 4xx, once", async () => {
    server.script({ status: 404, body: "not here" });
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toMatchObject({ name: "GongApiError", status: 404, requestId: undefined, errors: [] });
    expect(server.requests).toHaveLength(1);
  });
});

describe("the request on every attempt", () => {
  it("re-sends the same body and headers intact", async () => {
    server.script({ status: 503 }, { status: 502 }, ok);
    const { gong } = testClient(server.url);
    await gong.unassignByFlowInstanceIds({ flowInstanceIds: ["f1", "f2"], unassignedByUserEmail: "ops@example.com" });
    expect(server.requests).toHaveLength(3);
    const [first, ...rest] = server.requests;
    expect(first?.json).toEqual({ flowInstanceIds: ["f1", "f2"], unassignedByUserEmail: "ops@example.com" });
    for (const request of rest) {
      expect(request.body).toBe(first?.body);
      expect(request.headers["authorization"]).toBe(first?.headers["authorization"]);
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });
});

describe("the caller's signal", () => {
  it("ends a Retry-After wait at once", async () => {
    server.script(tooMany("30"), ok);
    const { gong } = testClient(server.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 100);
    const started = Date.now();
    const error = await rejectionOf(
      gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { signal: controller.signal }),
    );
    // Not the 30 s it was told to wait (the margin is for a busy machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(GongAbortError);
    expect((error as GongAbortError).cause).toEqual(new Error("shutting down"));
    expect(server.requests).toHaveLength(1);
  });

  it("ends a request in flight at once, and is not retried", async () => {
    server.script({ hang: true });
    const { gong } = testClient(server.url);
    const controller = new AbortController();
    // Aborted once the request has reached the server, however long a busy machine takes to send it.
    const abortOnArrival = setInterval(() => {
      if (server.requests.length > 0) {
        clearInterval(abortOnArrival);
        controller.abort();
      }
    }, 10);
    const error = await rejectionOf(
      gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(GongAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing when it is already aborted", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(
      gong.unassignByCrmProspectId({ crmProspectId: "p1" }, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(GongAbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("raw, the openapi-fetch client underneath", () => {
  it("shares the retries and returns openapi-fetch's { data, response }", async () => {
    server.script({ status: 503 }, { status: 200, body: { requestId: "req-ok", prospectsAssigned: [] } });
    const { gong, events } = testClient(server.url);
    const { data, error, response } = await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] } });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual({ requestId: "req-ok", prospectsAssigned: [] });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["authorization"]).toMatch(/^Basic /);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: "listAssignedFlows", path: "/v2/flows/prospects" });
  });

  it("returns an HTTP error answer as { error } instead of throwing, after the retries", async () => {
    server.script({ status: 500, body: { requestId: "req-500", errors: ["boom"] } });
    const { gong } = testClient(server.url, { maxRetries: 1 });
    const { data, error, response } = await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(500);
    expect(error).toEqual({ requestId: "req-500", errors: ["boom"] });
    expect(server.requests).toHaveLength(2);
  });

  it("throws GongTimeoutError and GongAbortError like the methods", async () => {
    server.script({ hang: true });
    const { gong } = testClient(server.url, { timeoutMs: 100, maxRetries: 0 });
    await expect(gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] } })).rejects.toBeInstanceOf(
      GongTimeoutError,
    );
    await expect(
      gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["p1"] }, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(GongAbortError);
  });
});
