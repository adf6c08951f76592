import { describe, expect, it } from "vitest";
import { GongValidationError, type GongValidationIssue } from "../src/index.js";
import { useFaultServer } from "./support/fault-server.js";
import { rejectionOf, testClient } from "./support/client.js";

const server = await useFaultServer();

async function issuesOf(call: Promise<unknown>): Promise<GongValidationIssue[]> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(GongValidationError);
  expect(server.requests).toHaveLength(0);
  return [...(error as GongValidationError).issues];
}

describe("input validation (from the spec's request schemas), before anything is sent", () => {
  it("lists every problem of a list input by path", async () => {
    const { gong } = testClient(server.url);
    const issues = await issuesOf(
      gong.listAssignedFlows({ crmProspectsIds: ["ok", "", 7], crmProspectIds: ["typo"] } as never),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "/crmProspectIds", message: "is not a known property (check its spelling)" },
        { path: "/crmProspectsIds/1", message: "must not be empty" },
        { path: "/crmProspectsIds/2", message: "must be a string" },
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it("rejects an empty id list and a missing one", async () => {
    const { gong } = testClient(server.url);
    expect(await issuesOf(gong.listAssignedFlows({ crmProspectsIds: [] }))).toEqual([
      { path: "/crmProspectsIds", message: "must hold at least 1 item(s)" },
    ]);
    expect(await issuesOf(gong.unassignByFlowInstanceIds({} as never))).toEqual([
      { path: "/flowInstanceIds", message: "is required" },
    ]);
  });

  it("rejects a malformed email", async () => {
    const { gong } = testClient(server.url);
    expect(
      await issuesOf(gong.unassignByCrmProspectId({ crmProspectId: "p1", unassignedByUserEmail: "not-an-email" })),
    ).toEqual([{ path: "/unassignedByUserEmail", message: "must be an email address" }]);
  });

  it("rejects a body that is not an object", async () => {
    const { gong } = testClient(server.url);
    expect(await issuesOf(gong.unassignByCrmProspectId(null as never))).toEqual([
      { path: "", message: "must be an object" },
    ]);
  });

  it("checks every id of a list longer than 200, at its own index", async () => {
    const { gong } = testClient(server.url);
    const flowInstanceIds = Array.from({ length: 450 }, (_, i) => (i === 321 ? "" : `f${i}`));
    expect(await issuesOf(gong.unassignByFlowInstanceIds({ flowInstanceIds }))).toEqual([
      { path: "/flowInstanceIds/321", message: "must not be empty" },
    ]);
  });

  it("names the operation and every issue in the message", async () => {
    const { gong } = testClient(server.url);
    const error = (await rejectionOf(
      gong.unassignByCrmProspectId({ crmProspectId: "", flowId: 3 } as never),
    )) as GongValidationError;
    expect(error.message).toBe(
      "Invalid unassignFlowsByCrmProspectId input; nothing was sent:\n  /crmProspectId: must not be empty\n  /flowId: must be a string",
    );
    expect(error.operation).toBe("unassignFlowsByCrmProspectId");
  });

  it("treats a property set to undefined as absent, as JSON does", async () => {
    server.respond(() => ({ status: 200, body: { requestId: "r", unassignedFlowInstanceIds: [] } }));
    const { gong } = testClient(server.url);
    await gong.unassignByCrmProspectId({ crmProspectId: "p1", flowId: undefined } as never);
    expect(server.requests[0]?.json).toEqual({ crmProspectId: "p1" });
  });

  it("validates bodies sent through raw too", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: [] } }));
    expect(error).toBeInstanceOf(GongValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("validateRequestBody (the same check, exported)", () => {
  it("returns no issue for a valid body and every issue, by JSON pointer, for an invalid one", async () => {
    const { validateRequestBody } = await import("../src/index.js");
    expect(validateRequestBody("listAssignedFlows", { crmProspectsIds: ["a"] })).toEqual([]);
    expect(validateRequestBody("listAssignedFlows", { crmProspectsIds: [""] })).toEqual([
      { path: "/crmProspectsIds/0", message: "must not be empty" },
    ]);
  });

  it("holds the 200-id cap, which only the batching methods lift", async () => {
    const { validateRequestBody } = await import("../src/index.js");
    const flowInstanceIds = Array.from({ length: 201 }, (_, i) => `f${i}`);
    expect(validateRequestBody("unassignFlowsByFlowInstanceIds", { flowInstanceIds })).toEqual([
      { path: "/flowInstanceIds", message: "must hold at most 200 items" },
    ]);
  });
});
