// The three operations on the mock's state, as Gong's pages describe them.
import { describe, expect, it } from "vitest";
import { createGongMock, defaultAssignedFlows, generateAssignedFlows } from "../src/index.js";
import { call, noCalls } from "./support/calls.js";

const list = (mock: ReturnType<typeof createGongMock>, ...crmProspectsIds: string[]) =>
  call(mock, "listAssignedFlows", { crmProspectsIds });
const idsOf = (body: Record<string, unknown>) =>
  (body["prospectsAssigned"] as { flowInstanceId: string }[]).map((flow) => flow.flowInstanceId);

describe("listAssignedFlows", () => {
  it("answers the assigned flow instances of the given prospects, with all their fields, prospect by prospect", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await list(
      mock,
      "00Q5e00000ABCDEF",
      "a5V1Q00A120DP4CVAW",
      "no-such-prospect",
      "00Q5e00000ABCDEF",
    );
    expect(status).toBe(200);
    expect(body["requestId"]).toMatch(/^[0-9a-z]{19}$/);
    expect(idsOf(body)).toEqual(["1234361284629358", "1234361284629359", "1234361284629356", "1234361284629357"]);
    expect((body["prospectsAssigned"] as unknown[])[2]).toEqual(defaultAssignedFlows[0]);
  });

  it("shows an unassigned instance no more: list, unassign, list", async () => {
    const mock = createGongMock({ rps: 0 });
    expect(idsOf((await list(mock, "a5V1Q00A120DP4CVAW")).body)).toEqual(["1234361284629356", "1234361284629357"]);
    const unassigned = await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629356"] });
    expect(unassigned.body["unassignedFlowInstanceIds"]).toEqual(["1234361284629356"]);
    expect(idsOf((await list(mock, "a5V1Q00A120DP4CVAW")).body)).toEqual(["1234361284629357"]);
  });

  it("gives every answer its own request id", async () => {
    const mock = createGongMock({ rps: 0 });
    const ids = new Set<unknown>();
    for (let i = 0; i < 20; i++) ids.add((await list(mock, "a5V1Q00A120DP4CVAW")).body["requestId"]);
    expect(ids.size).toBe(20);
  });
});

describe("listAssignedFlows by flowInstanceIds", () => {
  const byIds = (mock: ReturnType<typeof createGongMock>, ...flowInstanceIds: string[]) =>
    call(mock, "listAssignedFlows", { flowInstanceIds });

  it("answers every known instance asked for, in the order asked, each once, unknown ids left out", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await byIds(
      mock,
      "1234361284629360",
      "unknown-id",
      "1234361284629356",
      "1234361284629360",
    );
    expect(status).toBe(200);
    expect(idsOf(body)).toEqual(["1234361284629360", "1234361284629356"]);
    expect((body["prospectsAssigned"] as unknown[])[1]).toEqual(defaultAssignedFlows[0]);
  });

  it("answers an instance an unassign call ended, as Finished, which the list by CRM id no longer shows", async () => {
    const mock = createGongMock({ rps: 0 });
    await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629356"] });
    const { body } = await byIds(mock, "1234361284629356");
    expect(body["prospectsAssigned"]).toEqual([{ ...defaultAssignedFlows[0], flowInstanceStatus: "Finished" }]);
    expect(idsOf((await list(mock, "a5V1Q00A120DP4CVAW")).body)).toEqual(["1234361284629357"]);
  });

  it("holds finished instances of the data set: listed by id, not by CRM id, never unassigned", async () => {
    const [open, finished] = generateAssignedFlows({ prospects: 1, flowsPerProspect: 2 });
    const ended = { ...finished!, flowInstanceStatus: "FinishedNoReply" as const };
    const mock = createGongMock({ rps: 0, assignedFlows: [open!, ended] });
    expect(idsOf((await list(mock, open!.crmProspectId!)).body)).toEqual([open!.flowInstanceId]);
    expect((await byIds(mock, ended.flowInstanceId!)).body["prospectsAssigned"]).toEqual([ended]);
    const unassign = await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: open!.crmProspectId });
    expect(unassign.body["unassignedFlowInstanceIds"]).toEqual([open!.flowInstanceId]);
    expect(mock.stats().flowInstances).toEqual({ assigned: 0, unassigned: 1 });
  });
});

describe("unassignFlowsByFlowInstanceIds", () => {
  it("returns exactly the ids it unassigned: not unknown ones, not ones already unassigned, each id once", async () => {
    const mock = createGongMock({ rps: 0 });
    const first = await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: ["1234361284629356", "unknown-id", "1234361284629356"],
    });
    expect(first.body["unassignedFlowInstanceIds"]).toEqual(["1234361284629356"]);
    const second = await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: ["1234361284629356", "1234361284629357"],
    });
    expect(second.body["unassignedFlowInstanceIds"]).toEqual(["1234361284629357"]);
    expect(mock.stats().flowInstances).toEqual({ assigned: 3, unassigned: 2 });
  });

  it("counts the ids sent again after an earlier call unassigned them (alreadyUnassignedIdsSent), and only those", async () => {
    const mock = createGongMock({ rps: 0 });
    await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: ["1234361284629356", "1234361284629356", "unknown-id"],
    });
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(0);
    await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: ["1234361284629356", "1234361284629357", "unknown-id"],
    });
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(1);
    // An instance removed by CRM id counts too when its id is sent afterwards.
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "00Q5e00000ABCDEF" });
    await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629358", "1234361284629359"] });
    expect(mock.stats().alreadyUnassignedIdsSent).toBe(3);
  });

  it("records who unassigned an instance, when and by which request", async () => {
    const mock = createGongMock({ rps: 0 });
    const { body } = await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: ["1234361284629360"],
      unassignedByUserEmail: "ops@example.com",
    });
    const record = mock.flowInstances().find((r) => r.assignedFlow.flowInstanceId === "1234361284629360");
    expect(record).toMatchObject({
      assigned: false,
      unassignedByUserEmail: "ops@example.com",
      unassignedByRequestId: body["requestId"],
    });
    expect(Date.parse(record?.unassignedAt ?? "")).not.toBeNaN();
  });

  it("unassigns 200 at once, and handles a large data set", async () => {
    const flows = generateAssignedFlows({ prospects: 15_000, flowsPerProspect: [1, 3] });
    expect(flows).toHaveLength(30_000);
    const mock = createGongMock({ rps: 0, assignedFlows: flows });
    const batch = flows.slice(0, 200).map((flow) => flow.flowInstanceId!);
    const { status, body } = await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: batch });
    expect(status).toBe(200);
    expect(body["unassignedFlowInstanceIds"]).toEqual(batch);
    expect(mock.stats().flowInstances).toEqual({ assigned: 29_800, unassigned: 200 });
  });
});

describe("unassignFlowsByCrmProspectId", () => {
  it("without flowId, takes the prospect out of every flow and returns those instances", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "a5V1Q00A120DP4CVAW" });
    expect(status).toBe(200);
    expect(body["unassignedFlowInstanceIds"]).toEqual(["1234361284629356", "1234361284629357"]);
    expect(idsOf((await list(mock, "a5V1Q00A120DP4CVAW")).body)).toEqual([]);
    // Nothing left to remove: an empty list, not an error.
    expect(
      (await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "a5V1Q00A120DP4CVAW" })).body[
        "unassignedFlowInstanceIds"
      ],
    ).toEqual([]);
  });

  it("with flowId, only out of that flow", async () => {
    const mock = createGongMock({ rps: 0 });
    const { body } = await call(mock, "unassignFlowsByCrmProspectId", {
      crmProspectId: "a5V1Q00A120DP4CVAW",
      flowId: "1695493301223590793",
    });
    expect(body["unassignedFlowInstanceIds"]).toEqual(["1234361284629357"]);
    expect(idsOf((await list(mock, "a5V1Q00A120DP4CVAW")).body)).toEqual(["1234361284629356"]);
    // The same flow's instance of another prospect stays.
    expect(idsOf((await list(mock, "0035e00000AbCdE")).body)).toEqual(["1234361284629360"]);
  });

  it("answers an unknown prospect with an empty list", async () => {
    const mock = createGongMock({ rps: 0 });
    expect(
      (await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "nobody" })).body["unassignedFlowInstanceIds"],
    ).toEqual([]);
  });
});

describe("seed and reset", () => {
  it("seed adds instances (checked), replacing a known id and assigning it again", async () => {
    const mock = createGongMock({ rps: 0, assignedFlows: [] });
    expect(mock.stats().flowInstances).toEqual({ assigned: 0, unassigned: 0 });
    mock.seed([{ flowInstanceId: "i1", crmProspectId: "p1", flowId: "f1" }]);
    await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["i1"] });
    mock.seed([{ flowInstanceId: "i1", crmProspectId: "p1", flowId: "f1", flowName: "Again" }]);
    expect(idsOf((await list(mock, "p1")).body)).toEqual(["i1"]);
    expect(mock.flowInstances()).toHaveLength(1);
    expect(() => mock.seed([{ flowInstanceId: "i2", crmProspectId: "p1" }])).toThrow(
      "/assignedFlows/0/flowId: is required",
    );
  });

  it("reset brings back the data set it was created with, zeroes the counters and drops faults", async () => {
    const mock = createGongMock({ rps: 0 });
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "a5V1Q00A120DP4CVAW" });
    mock.seed([{ flowInstanceId: "extra", crmProspectId: "p", flowId: "f" }]);
    mock.injectFault({ status: 500 });
    mock.reset();
    expect(mock.stats()).toEqual({
      calls: { ...noCalls, total: 0 },
      statuses: {},
      flowInstances: { assigned: 5, unassigned: 0 },
      alreadyUnassignedIdsSent: 0,
    });
    expect(mock.pendingFaults()).toEqual([]);
  });

  it("the data given is the mock's own copy: changing it afterwards changes nothing", async () => {
    const flows = [{ flowInstanceId: "i1", crmProspectId: "p1", flowId: "f1", flowName: "Before" }];
    const mock = createGongMock({ rps: 0, assignedFlows: flows });
    flows[0]!.flowName = "After";
    expect((await list(mock, "p1")).body["prospectsAssigned"]).toEqual([
      { flowInstanceId: "i1", crmProspectId: "p1", flowId: "f1", flowName: "Before" },
    ]);
  });
});

describe("stats", () => {
  it("counts every call by operation and every answer by status", async () => {
    const mock = createGongMock({ rps: 0 });
    await list(mock, "a5V1Q00A120DP4CVAW");
    await call(mock, "listAssignedFlows", { crmProspectsIds: [] });
    await call(mock, "unassignFlowsByCrmProspectId", { crmProspectId: "x" }, { authorization: null });
    await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629356"] });
    expect(mock.stats()).toEqual({
      calls: {
        ...noCalls,
        listAssignedFlows: 2,
        unassignFlowsByCrmProspectId: 1,
        unassignFlowsByFlowInstanceIds: 1,
        total: 4,
      },
      statuses: { "200": 2, "400": 1, "401": 1 },
      flowInstances: { assigned: 4, unassigned: 1 },
      alreadyUnassignedIdsSent: 0,
    });
  });
});
