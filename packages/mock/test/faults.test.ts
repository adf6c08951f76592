// Injected faults, in code: a status for the next N calls, "apply then lose the answer", latency.
import { describe, expect, it } from "vitest";
import { createGongMock, operationNames, parseFault } from "../src/index.js";
import { basicAuth, call, manualClock } from "./support/calls.js";

const list = (mock: ReturnType<typeof createGongMock>) =>
  call(mock, "listAssignedFlows", { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });

describe("status faults", () => {
  it("answer the next N calls of the operation with the status and a valid error body, then stop", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ operation: "listAssignedFlows", status: 503, times: 2 });
    const first = await list(mock);
    expect(first.status).toBe(503);
    expect(first.body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{19}$/),
      errors: ["Injected fault: status 503"],
    });
    expect(first.headers.get("retry-after")).toBeNull();
    // Another operation is not hit.
    expect((await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["x"] })).status).toBe(200);
    expect(mock.pendingFaults()).toEqual([{ operation: "listAssignedFlows", status: 503, times: 2, remaining: 1 }]);
    expect((await list(mock)).status).toBe(503);
    expect((await list(mock)).status).toBe(200);
    expect(mock.stats().statuses).toEqual({ "200": 2, "503": 2 });
  });

  it("answer 429 with Retry-After (1 s unless given), and other statuses with it when given", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ status: 429 });
    mock.injectFault({ status: 429, retryAfterSeconds: 7, errors: ["slow down"] });
    mock.injectFault({ status: 503, retryAfterSeconds: 2 });
    const first = await list(mock);
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "1"]);
    const second = await list(mock);
    expect([second.status, second.headers.get("retry-after"), second.body["errors"]]).toEqual([
      429,
      "7",
      ["slow down"],
    ]);
    const third = await list(mock);
    expect([third.status, third.headers.get("retry-after")]).toEqual([503, "2"]);
  });

  it("without an operation, hit any operation; they answer before credentials are looked at and change nothing", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ status: 500 });
    const response = await call(
      mock,
      "unassignFlowsByFlowInstanceIds",
      { flowInstanceIds: ["1234361284629356"] },
      { authorization: null },
    );
    expect(response.status).toBe(500);
    expect(mock.stats().flowInstances.unassigned).toBe(0);
  });

  it("are used up in the order they were queued", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ status: 500 });
    mock.injectFault({ status: 502 });
    expect([(await list(mock)).status, (await list(mock)).status, (await list(mock)).status]).toEqual([500, 502, 200]);
  });

  it("clearFaults drops them", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ status: 500, times: 5 });
    mock.clearFaults();
    expect((await list(mock)).status).toBe(200);
  });
});

describe("loseAnswer faults", () => {
  it("apply the write, then break the answer: the body cannot be read, the instance is unassigned", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ operation: "unassignFlowsByFlowInstanceIds", loseAnswer: true });
    const request = new Request("http://mock.test/", {
      method: "POST",
      headers: { authorization: basicAuth, "content-type": "application/json" },
      body: JSON.stringify({ flowInstanceIds: ["1234361284629356"] }),
    });
    const response = await mock.handle("unassignFlowsByFlowInstanceIds", request);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/connection was lost/);
    expect(mock.flowInstances().find((r) => r.assignedFlow.flowInstanceId === "1234361284629356")?.assigned).toBe(
      false,
    );
    // The next call is answered whole, and shows the write happened.
    const again = await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629356"] });
    expect(again.body["unassignedFlowInstanceIds"]).toEqual([]);
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(1);
  });
});

describe("latency", () => {
  it("adds the mock's latencyMs to every answer, and a latency fault's to the next N calls", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 0, latencyMs: 50, clock });
    mock.injectFault({ latencyMs: 1_000, times: 2, operation: "listAssignedFlows" });
    await list(mock);
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "x" });
    await list(mock);
    await list(mock);
    expect(clock.slept).toEqual([1_050, 50, 1_050, 50]);
  });

  it("combines with a status fault on the same call", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 0, clock });
    mock.injectFault({ latencyMs: 300 });
    mock.injectFault({ status: 504 });
    expect((await list(mock)).status).toBe(504);
    expect(clock.slept).toEqual([300]);
  });
});

describe("hold faults", () => {
  const unassign = (mock: ReturnType<typeof createGongMock>, id: string) =>
    call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: [id] });
  const assigned = (mock: ReturnType<typeof createGongMock>, id: string) =>
    mock.flowInstances().find((r) => r.assignedFlow.flowInstanceId === id)?.assigned;

  it("keep the next calls waiting, counted but not acted on, until released by name; then they run as usual", async () => {
    const clock = manualClock();
    const mock = createGongMock({ rps: 0, clock });
    mock.injectFault({ hold: "first", operation: "unassignFlowsByFlowInstanceIds" });
    mock.injectFault({ hold: "second", operation: "unassignFlowsByFlowInstanceIds" });
    const first = unassign(mock, "1234361284629356");
    const second = unassign(mock, "1234361284629357");
    await Promise.resolve();
    expect(mock.held()).toEqual([
      { hold: "first", operation: "unassignFlowsByFlowInstanceIds", since: "2025-06-02T10:00:00.000Z" },
      { hold: "second", operation: "unassignFlowsByFlowInstanceIds", since: "2025-06-02T10:00:00.000Z" },
    ]);
    expect(mock.stats().calls.unassignFlowsByFlowInstanceIds).toBe(2);
    expect([assigned(mock, "1234361284629356"), assigned(mock, "1234361284629357")]).toEqual([true, true]);
    // A list call is not held: another operation, and the held calls have changed nothing.
    expect((await list(mock)).body["prospectsAssigned"]).toHaveLength(2);

    // Released by name, in any order: the second first. release() resolves once they are acted on.
    expect(await mock.release("second")).toBe(1);
    expect([assigned(mock, "1234361284629356"), assigned(mock, "1234361284629357")]).toEqual([true, false]);
    expect((await second).body["unassignedFlowInstanceIds"]).toEqual(["1234361284629357"]);
    expect(mock.held()).toHaveLength(1);
    expect(await mock.release()).toBe(1);
    expect((await first).body["unassignedFlowInstanceIds"]).toEqual(["1234361284629356"]);
    expect(await mock.release("first")).toBe(0);
    expect(clock.slept).toEqual([]);
  });

  it("hold a call that is then answered late: what another call did meanwhile shows in its answer", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ hold: "slow", operation: "unassignFlowsByFlowInstanceIds" });
    const slow = unassign(mock, "1234361284629356");
    await Promise.resolve();
    expect((await unassign(mock, "1234361284629356")).body["unassignedFlowInstanceIds"]).toEqual(["1234361284629356"]);
    await mock.release("slow");
    expect((await slow).body["unassignedFlowInstanceIds"]).toEqual([]);
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(1);
  });

  it("are dropped by a reset: the held call is answered 503 and changes nothing", async () => {
    const mock = createGongMock({ rps: 0 });
    mock.injectFault({ hold: "h" });
    const held = unassign(mock, "1234361284629356");
    await Promise.resolve();
    mock.reset();
    const response = await held;
    expect(response.status).toBe(503);
    expect(response.body["errors"]).toEqual(["The mock was reset while this call was held: nothing was done."]);
    expect(assigned(mock, "1234361284629356")).toBe(true);
    expect(mock.held()).toEqual([]);
  });
});

describe("fault checks", () => {
  it.each([
    [{}, '(document): must have exactly one of "status", "loseAnswer", "latencyMs", "hold"'],
    [{ hold: "" }, "/hold: must NOT have fewer than 1 characters"],
    [{ hold: "a", latencyMs: 1 }, 'not "latencyMs" and "hold"'],
    [{ status: 500, latencyMs: 1 }, 'not "status" and "latencyMs"'],
    [{ status: 200 }, "/status: must be >= 400"],
    [{ status: 600 }, "/status: must be <= 599"],
    [{ status: 399 }, "/status: must be >= 400"],
    [{ status: 500, times: 0 }, "/times: must be >= 1"],
    [
      { status: 500, operation: "listEverything" },
      `/operation: must be one of ${operationNames.map((name) => JSON.stringify(name)).join(", ")}`,
    ],
    [{ loseAnswer: false }, "/loseAnswer: must be equal to constant"],
    [{ latencyMs: -5 }, "/latencyMs: must be >= 0"],
    [{ status: 500, retryAfter: 3 }, "/retryAfter: is not a known property"],
    ["500", "(document): must be an object"],
  ])("refuses %j, naming the problem", (fault, message) => {
    expect(() => parseFault(fault)).toThrow(message);
    expect(() => createGongMock().injectFault(fault as never)).toThrow(message);
  });
});
