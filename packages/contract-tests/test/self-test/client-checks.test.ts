// Check 5 must be able to fail: a client whose requests break the spec, whose results drop what the
// server said, or whose errors are of the wrong class must be caught. The broken clients here are the
// real client with its transport tampered with, or outcomes built by hand.
import { GongBadRequestError, GongServerError, GongValidationError } from "@gong-flows/client";
import { afterAll, describe, expect, it } from "vitest";
import { checkIdsSentOnce } from "../../src/checks/client/ids-sent-once.js";
import { clientGroup } from "../../src/checks/groups/client.js";
import { negativeDataGroup } from "../../src/checks/groups/negative-data.js";
import { createContext } from "../../src/run/context.js";
import { createContractModel } from "../../src/spec/model.js";
import { checkClientOutcome } from "../../src/checks/client/outcome.js";
import { checkRefusedInput } from "../../src/checks/client/refused-input.js";
import { checkClientRequest } from "../../src/checks/client/request.js";
import type { RecordedExchange } from "../../src/http/exchange.js";
import { formatReport } from "../../src/report/violation.js";
import { fakeSecret, localContext, localTarget } from "../support/local-target.js";
import { model } from "../support/model.js";
import { startReferenceServer, type ReferenceServer } from "../support/reference-server.js";

const list = model.operation("listAssignedFlows");
const byInstance = model.operation("unassignFlowsByFlowInstanceIds");
const server: ReferenceServer = await startReferenceServer(model);
const ctx = localContext(server.url);
afterAll(() => server.close());

/** Calls the real client through a transport that rewrites each request before it is recorded. */
async function callTampered(tamper: (request: Request) => Promise<Request> | Request, input: unknown) {
  const tampered = localContext(server.url, {}, { tamper });
  const { outcome, exchanges } = await tampered.transport.record({}, (client) =>
    client.listAssignedFlows(input as { crmProspectsIds: string[] }),
  );
  return { exchanges, outcome };
}

function recordedRequests(exchanges: readonly RecordedExchange[]) {
  return exchanges.flatMap((recorded) => checkClientRequest(ctx, list, recorded, "client self-test"));
}

describe("check 5 catches a client that breaks the contract", () => {
  it("passes the real client, untampered", async () => {
    const { exchanges, outcome } = await callTampered((r) => r, { crmProspectsIds: ["a", "b"] });
    expect(recordedRequests(exchanges)).toEqual([]);
    expect(checkClientOutcome(list, exchanges, outcome, "self-test")).toEqual([]);
  });

  it("a request without credentials, or with another scheme, never showing the credentials", async () => {
    const dropped = await callTampered(
      (request) => {
        const headers = new Headers(request.headers);
        headers.delete("authorization");
        return new Request(request, { headers });
      },
      { crmProspectsIds: ["a"] },
    );
    expect(recordedRequests(dropped.exchanges)).toContainEqual(
      expect.objectContaining({ where: "/request/headers/authorization", actual: "absent" }),
    );

    const bearer = await callTampered(
      (request) => {
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${fakeSecret}`);
        return new Request(request, { headers });
      },
      { crmProspectsIds: ["a"] },
    );
    const violations = recordedRequests(bearer.exchanges);
    expect(violations).toContainEqual(
      expect.objectContaining({
        where: "/request/headers/authorization",
        actual: "Bearer with a different value (not shown)",
      }),
    );
    expect(formatReport(violations)).not.toContain(fakeSecret);
  });

  it("a wrong method, path and content type", async () => {
    const { exchanges } = await callTampered(
      async (request) =>
        new Request(new URL("/v2/flows/prospect", request.url), {
          method: "PUT",
          headers: { ...Object.fromEntries(request.headers), "content-type": "text/plain" },
          body: await request.text(),
        }),
      { crmProspectsIds: ["a"] },
    );
    const violations = recordedRequests(exchanges);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ where: "/request/method", expected: "POST", actual: "PUT" }),
        expect.objectContaining({
          where: "/request/path",
          expected: "/v2/flows/prospects",
          actual: "/v2/flows/prospect",
        }),
        expect.objectContaining({
          where: "/request/headers/content-type",
          expected: "application/json",
          actual: '"text/plain"',
        }),
      ]),
    );
  });

  it("query and path parameters that break the spec (GET operations)", async () => {
    const flows = model.operation("listFlows");
    const tampered = localContext(
      server.url,
      {},
      {
        tamper: (request) => {
          const url = new URL(request.url);
          url.searchParams.delete("flowOwnerEmail");
          url.searchParams.set("mostRecentlyAssigned", "maybe");
          url.searchParams.set("pageSize", "10");
          return new Request(url, request);
        },
      },
    );
    const page = await tampered.transport.record({}, (client) =>
      client.listFlowsPage({ flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: true }),
    );
    const violations = page.exchanges.flatMap((r) => checkClientRequest(ctx, flows, r, "client self-test"));
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ where: "/request/parameters/flowOwnerEmail", actual: "absent" }),
        expect.objectContaining({ where: "/request/parameters/mostRecentlyAssigned", expected: "type boolean" }),
        expect.objectContaining({ where: "/request/parameters/pageSize", actual: "present" }),
      ]),
    );
    const untampered = await ctx.transport.record({}, (client) =>
      client.listFlowsPage({ flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: true }),
    );
    expect(untampered.exchanges.flatMap((r) => checkClientRequest(ctx, flows, r, "client self-test"))).toEqual([]);

    const job = model.operation("getBulkAssignment");
    const wrongPath = localContext(
      server.url,
      {},
      {
        tamper: (request) =>
          new Request(request.url.replace(/\/bulk-assignments\/[^/]+$/, "/bulk-assignment/job-1"), request),
      },
    );
    const polled = await wrongPath.transport.record({}, (client) => client.getBulkAssignment("job-1"));
    expect(polled.exchanges.flatMap((r) => checkClientRequest(ctx, job, r, "client self-test"))).toContainEqual(
      expect.objectContaining({
        where: "/request/path",
        expected: `${job.path}`,
        actual: "/v2/flows/prospects/bulk-assignment/job-1",
      }),
    );
  });

  it("a pager that does not send the cursor back, or reads on past a repeated one", async () => {
    const pagingCase = (tamper?: (request: Request) => Request) =>
      clientGroup(localContext(server.url, {}, tamper ? { tamper } : {})).cases.find((c) =>
        c.name.startsWith("listFlows: the client's pager"),
      )!;
    // The reference server answers every page with the example's cursor: the client must send it back
    // once, then refuse the answer that repeats it.
    expect(await pagingCase().run()).toMatchObject({ verdict: "passed" });
    const withoutCursor = await pagingCase((request) => {
      const url = new URL(request.url);
      url.searchParams.delete("cursor");
      return new Request(url, request);
    }).run();
    expect(withoutCursor.violations).toContainEqual(
      expect.objectContaining({ where: "/request/1/parameters", actual: expect.not.stringContaining("cursor") }),
    );
  });

  it("an operation of a fork of the spec the client has no method for: skipped by check 5, covered by the server checks", async () => {
    const spec = structuredClone(model.source) as Record<string, any>;
    spec["paths"]["/v2/flows/archive"] = {
      post: { ...spec["paths"]["/v2/flows/steps"]["post"], operationId: "archiveFlows" },
    };
    const forked = createContext(createContractModel(spec), localTarget(server.url));
    const skippedCase = clientGroup(forked).cases.find((c) => c.name === "archiveFlows: not checked yet")!;
    expect(await skippedCase.run()).toMatchObject({
      verdict: "skipped",
      reason:
        "@gong-flows/client has no method for POST /v2/flows/archive: there is no client call to hold (the server checks still cover it)",
    });
    expect(negativeDataGroup(forked).cases.map((c) => c.name)).toContain(
      "archiveFlows: missing required property /flowIds",
    );
  });

  it("a body that breaks the request schema", async () => {
    const { exchanges } = await callTampered(
      async (request) =>
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: JSON.stringify({ crmProspectIds: ["a"] }),
        }),
      { crmProspectsIds: ["a"] },
    );
    expect(recordedRequests(exchanges)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          where: "/request/body/crmProspectsIds",
          expected: "present (required property)",
          actual: "absent",
        }),
        expect.objectContaining({
          where: "/request/body/crmProspectIds",
          expected: "no such property (additionalProperties: false)",
        }),
      ]),
    );
  });

  it("a batch that loses an id", () => {
    const exchange = (ids: string[]): RecordedExchange => ({
      method: "POST",
      url: new URL(`${server.url}${byInstance.path}`),
      headers: new Headers(),
      bodyText: JSON.stringify({ flowInstanceIds: ids }),
      response: undefined,
    });
    const violations = checkIdsSentOnce(
      byInstance,
      { flowInstanceIds: ["1", "2", "3"] },
      [exchange(["1"]), exchange(["2"])],
      "self-test",
    );
    expect(violations).toEqual([
      expect.objectContaining({
        where: "/request/body/flowInstanceIds",
        actual: "2 ids sent, 2 distinct, 1 of those given missing",
      }),
    ]);
  });

  it("a result that drops what the answer said, or the wrong error class or request id", () => {
    const respondedWith = (status: number, body: unknown): RecordedExchange => ({
      method: "POST",
      url: new URL(`${server.url}${list.path}`),
      headers: new Headers(),
      bodyText: JSON.stringify({ crmProspectsIds: ["a"] }),
      response: {
        status,
        headers: new Headers({ "content-type": "application/json" }),
        bodyText: JSON.stringify(body),
      },
    });
    const ok = respondedWith(200, { requestId: "r1", prospectsAssigned: [{ flowInstanceId: "f1" }] });
    expect(
      checkClientOutcome(list, [ok], { kind: "result", value: { flows: [], requestIds: ["r1"] } }, "self-test"),
    ).toEqual([expect.objectContaining({ where: "/result", status: 200 })]);

    const bad = respondedWith(400, { requestId: "r2", errors: ["bad"] });
    const wrongClass = new GongServerError({ status: 400, operation: "listAssignedFlows", requestId: "r2" });
    expect(checkClientOutcome(list, [bad], { kind: "error", error: wrongClass }, "self-test")).toEqual([
      expect.objectContaining({ where: "/error", expected: "GongBadRequestError", status: 400 }),
    ]);
    const noRequestId = new GongBadRequestError({ status: 400, operation: "listAssignedFlows" });
    expect(checkClientOutcome(list, [bad], { kind: "error", error: noRequestId }, "self-test")).toEqual([
      expect.objectContaining({ where: "/error/requestId", expected: '"r2"', actual: "absent" }),
    ]);
    expect(
      checkClientOutcome(list, [bad], { kind: "result", value: { flows: [], requestIds: [] } }, "self-test"),
    ).toEqual([expect.objectContaining({ where: "/error", expected: "GongBadRequestError thrown" })]);
  });

  it("an invalid input that is sent, or refused without naming the broken value", () => {
    const sent: RecordedExchange = {
      method: "POST",
      url: new URL(`${server.url}${list.path}`),
      headers: new Headers(),
      bodyText: "{}",
      response: undefined,
    };
    const error = new GongValidationError([{ path: "/somewhere", message: "is wrong" }], {
      operation: "listAssignedFlows",
    });
    expect(checkRefusedInput(list, ["/crmProspectsIds"], { kind: "error", error }, [sent], "self-test")).toEqual([
      expect.objectContaining({ where: "/request", expected: "no request sent", actual: "1 request(s) sent" }),
      expect.objectContaining({
        where: "/error/issues",
        expected: "an issue at /crmProspectsIds",
        actual: '["/somewhere"]',
      }),
    ]);
  });
});
