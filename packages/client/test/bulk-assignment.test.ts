// Bulk assignment: submit (a write sent once), get, and wait (polls with capped exponential backoff,
// abortable, with a deadline whose error carries the last job seen).
import { describe, expect, it } from "vitest";
import {
  GongAbortError,
  GongBulkAssignmentTimeoutError,
  GongServerError,
  GongValidationError,
  gongLimits,
} from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { type Reply, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const request = {
  flowId: "f1",
  flowInstanceOwnerEmail: "owner@example.com",
  prospects: [{ crmId: "c1" }, { firstName: "Jon", lastName: "Snow", email: "jon@example.com" }],
};
const job = (status: string, extra: object = {}): Reply => ({
  status: 200,
  body: { requestId: "r", id: "job-1", status, totalCount: 2, ...extra },
});

describe("submitBulkAssignment", () => {
  it("posts the request and resolves with the job Gong accepted (202)", async () => {
    server.script({ status: 202, body: { requestId: "r", id: "job-1", status: "PENDING" } });
    const { gong } = testClient(server.url);
    const ids: string[][] = [];
    const accepted = await gong.submitBulkAssignment(request, {
      onAttempt: (event) => event.type === "sending" && ids.push([...event.ids]),
    });
    expect(accepted).toEqual({ requestId: "r", id: "job-1", status: "PENDING" });
    expect(server.requests.map((r) => [r.method, r.path, r.json])).toEqual([
      ["POST", "/v2/flows/prospects/bulk-assignments", request],
    ]);
    expect(ids).toEqual([["c1"]]);
  });

  it("refuses more than 50 prospects, or a prospect with neither CRM id nor names, before sending", async () => {
    const { gong } = testClient(server.url);
    const many = Array.from({ length: gongLimits.bulkAssignmentProspectsPerRequest + 1 }, (_, i) => ({
      crmId: `c${i}`,
    }));
    const tooMany = await rejectionOf(gong.submitBulkAssignment({ ...request, prospects: many }));
    expect((tooMany as GongValidationError).issues.map((issue) => issue.path)).toEqual(["/prospects"]);
    const nameless = await rejectionOf(
      gong.submitBulkAssignment({ ...request, prospects: [{ email: "a@example.com" }] as never }),
    );
    expect(nameless).toBeInstanceOf(GongValidationError);
    expect(server.requests).toEqual([]);
  });

  it("is never sent again once it may have reached Gong: a second job would start", async () => {
    server.respond(() => ({ status: 503 }));
    const { gong } = testClient(server.url);
    expect(await rejectionOf(gong.submitBulkAssignment(request))).toBeInstanceOf(GongServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("getBulkAssignment", () => {
  it("gets the job by id, retrying a 500 (a read)", async () => {
    server.script({ status: 500 }, job("COMPLETED", { results: [{ status: "ASSIGNED", crmId: "c1" }] }));
    const { gong } = testClient(server.url);
    const found = await gong.getBulkAssignment("job/1");
    expect(found.results).toEqual([{ status: "ASSIGNED", crmId: "c1" }]);
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ["GET", "/v2/flows/prospects/bulk-assignments/job%2F1"],
      ["GET", "/v2/flows/prospects/bulk-assignments/job%2F1"],
    ]);
  });

  it("refuses an empty id before sending", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.getBulkAssignment(""));
    expect((error as GongValidationError).issues).toEqual([{ path: "/id", message: "must not be empty" }]);
    expect(server.requests).toEqual([]);
  });
});

describe("waitForBulkAssignment", () => {
  it("polls with doubling waits, capped, until the job is finished", async () => {
    server.script(job("PENDING"), job("IN_PROGRESS"), job("IN_PROGRESS"), job("IN_PROGRESS"), job("COMPLETED"));
    const { gong } = testClient(server.url);
    const done = await gong.waitForBulkAssignment("job-1", { pollIntervalMs: 100, maxPollIntervalMs: 250 });
    expect(done.status).toBe("COMPLETED");
    const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at ?? 0));
    expect(server.requests).toHaveLength(5);
    // Waits of 100, 200, 250 (capped), 250 ms; each gap also holds a poll's round trip.
    for (const [i, least] of [100, 200, 250, 250].entries()) expect(gaps[i]).toBeGreaterThanOrEqual(least - 5);
    expect(gaps[3]).toBeLessThan(400); // capped: 400 ms had it doubled again
  });

  it("resolves with a FAILED job too", async () => {
    server.script(job("FAILED"));
    const { gong } = testClient(server.url);
    expect((await gong.waitForBulkAssignment("job-1")).status).toBe("FAILED");
  });

  it("throws GongBulkAssignmentTimeoutError at the deadline, with the last job seen", async () => {
    server.respond(() => job("IN_PROGRESS", { processedCount: 1 }));
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.waitForBulkAssignment("job-1", { pollIntervalMs: 20, timeoutMs: 150 }));
    expect(error).toBeInstanceOf(GongBulkAssignmentTimeoutError);
    const timeout = error as GongBulkAssignmentTimeoutError;
    expect([timeout.jobId, timeout.job?.status, timeout.job?.processedCount, timeout.timeoutMs]).toEqual([
      "job-1",
      "IN_PROGRESS",
      1,
      150,
    ]);
    expect(timeout.message).toContain("still IN_PROGRESS");
  });

  it("stops at once when the signal aborts", async () => {
    server.respond(() => job("PENDING"));
    const { gong } = testClient(server.url);
    const controller = new AbortController();
    const waiting = gong.waitForBulkAssignment("job-1", { pollIntervalMs: 60_000, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    controller.abort(new Error("shutting down"));
    const error = await rejectionOf(waiting);
    expect(error).toBeInstanceOf(GongAbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a wait option that is not a number of milliseconds", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.waitForBulkAssignment("job-1", { timeoutMs: -1, pollIntervalMs: Number.NaN }));
    expect((error as GongValidationError).issues.map((issue) => issue.path)).toEqual(["/pollIntervalMs", "/timeoutMs"]);
    expect(server.requests).toEqual([]);
  });
});

describe("bulkAssign", () => {
  it("submits, then waits for the job to finish", async () => {
    server.script(
      { status: 202, body: { id: "job-1", status: "PENDING" } },
      job("IN_PROGRESS"),
      job("COMPLETED", { successCount: 2 }),
    );
    const { gong } = testClient(server.url);
    const done = await gong.bulkAssign(request, { pollIntervalMs: 1 });
    expect(done.successCount).toBe(2);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
  });
});

describe("waitForBulkAssignment's signal", () => {
  it("may come in the call's options too", async () => {
    server.respond(() => job("PENDING"));
    const { gong } = testClient(server.url);
    const controller = new AbortController();
    const waiting = gong.waitForBulkAssignment("job-1", { pollIntervalMs: 60_000 }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await rejectionOf(waiting)).toBeInstanceOf(GongAbortError);
  });
});
