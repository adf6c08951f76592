// Listing flows and folders: who sees what (Company, Personal, Shared), the filters, and cursor paging.
import { describe, expect, it } from "vitest";
import { createGongMock, defaultFlows, defaultFolders } from "../src/index.js";
import { call, callGet } from "./support/calls.js";

type Page = { records: Record<string, unknown>; flows: { id: string; name: string }[] };
const listFlows = async (mock: ReturnType<typeof createGongMock>, query: string) => {
  const response = await callGet(mock, "listFlows", `/v2/flows?${query}`);
  return { ...response, page: response.body as unknown as Page };
};
const names = (page: Page) => page.flows.map((flow) => flow.name);

describe("listFlows", () => {
  it("lists the company's flows, and the user's own and those shared with the user, without the mock's own keys", async () => {
    const mock = createGongMock({ rps: 0 });
    const owner = await listFlows(mock, "flowOwnerEmail=test@test.com");
    expect(owner.status).toBe(200);
    expect(names(owner.page)).toEqual([
      "SDR Flow",
      "Nurture Flow",
      "Event Follow-up",
      "Re-engagement",
      "Webinar Invite",
    ]);
    expect(owner.page.flows[0]).toEqual({
      id: "1695493301223590792",
      name: "SDR Flow",
      folderId: "1695493301223573465",
      folderName: "Outbound",
      visibility: "Company",
      creationDate: "2018-02-17T02:30:00-08:00",
      exclusive: true,
    });
    expect(owner.page.records).toEqual({ totalRecords: 5, currentPageSize: 5, currentPageNumber: 0 });
    expect(names((await listFlows(mock, "flowOwnerEmail=SDR@example.com")).page)).toEqual([
      "SDR Flow",
      "Nurture Flow",
      "Event Follow-up",
      "Webinar Invite",
    ]);
    expect(names((await listFlows(mock, "flowOwnerEmail=someone@example.com")).page)).toHaveLength(3);
  });

  it("pages with a cursor that only the same listing accepts; the last page has none", async () => {
    const mock = createGongMock({ rps: 0, pageSize: 2 });
    const seen: string[] = [];
    let query = "flowOwnerEmail=test@test.com";
    const pages: Record<string, unknown>[] = [];
    for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
      const { page } = await listFlows(mock, cursor === undefined ? query : `${query}&cursor=${cursor}`);
      seen.push(...names(page));
      pages.push(page.records);
      cursor = page.records["cursor"] as string | undefined;
    }
    expect(seen).toEqual(defaultFlows.map((flow) => flow.name));
    expect(pages.map(({ cursor, ...rest }) => [rest, typeof cursor])).toEqual([
      [{ totalRecords: 5, currentPageSize: 2, currentPageNumber: 0 }, "string"],
      [{ totalRecords: 5, currentPageSize: 2, currentPageNumber: 1 }, "string"],
      [{ totalRecords: 5, currentPageSize: 1, currentPageNumber: 2 }, "undefined"],
    ]);
    const cursor = (await listFlows(mock, query)).page.records["cursor"] as string;
    query = "flowOwnerEmail=sdr@example.com";
    for (const bad of [cursor, "not-a-cursor"]) {
      const refused = await listFlows(mock, `${query}&cursor=${bad}`);
      expect(refused.status).toBe(400);
      expect((refused.body["errors"] as string[])[0]).toMatch(/^cursor \(query\): is not a cursor of this listing/);
    }
  });

  it("keeps a folder's flows (folderId) or a workspace's (workspaceId)", async () => {
    const mock = createGongMock({ rps: 0 });
    expect(names((await listFlows(mock, "flowOwnerEmail=test@test.com&folderId=1695493301223573465")).page)).toEqual([
      "SDR Flow",
      "Nurture Flow",
    ]);
    expect(names((await listFlows(mock, "flowOwnerEmail=test@test.com&workspaceId=1")).page)).toEqual([]);
  });

  it("lists the flows the user assigned prospects to most recently, latest first, with mostRecentlyAssigned=true", async () => {
    const mock = createGongMock({ rps: 0 });
    await call(mock, "assignProspects", {
      flowId: "1695493301223002764",
      crmProspectsIds: ["a5V1Q00A120DP4CVAX"],
      flowInstanceOwnerEmail: "test@test.com",
    });
    const recent = await listFlows(mock, "flowOwnerEmail=test@test.com&mostRecentlyAssigned=true");
    // The default instances of test@test.com: Nurture (2025), Event Follow-up (2020), SDR (2019).
    expect(names(recent.page)).toEqual(["Webinar Invite", "Nurture Flow", "Event Follow-up", "SDR Flow"]);
    expect(names((await listFlows(mock, "flowOwnerEmail=nobody@example.com&mostRecentlyAssigned=true")).page)).toEqual(
      [],
    );
  });

  it("refuses a request without flowOwnerEmail, or with parameters not of the spec's types (400)", async () => {
    const mock = createGongMock({ rps: 0 });
    const cases: [string, string][] = [
      ["", "flowOwnerEmail (query): is required"],
      ["flowOwnerEmail=not-an-email", "flowOwnerEmail (query): must be a valid email"],
      ["flowOwnerEmail=a@b.co&mostRecentlyAssigned=yes", "mostRecentlyAssigned (query): must be boolean"],
      ["flowOwnerEmail=a@b.co&flowOwnerEmail=c@d.co", "flowOwnerEmail (query): is given more than once"],
      ["flowOwnerEmail=a@b.co&folderId=", "folderId (query): must NOT have fewer than 1 characters"],
    ];
    for (const [query, error] of cases) {
      const { status, body } = await listFlows(mock, query);
      expect([status, body["errors"]], query).toEqual([400, [error]]);
    }
  });
});

describe("listFlowFolders", () => {
  const listFolders = async (mock: ReturnType<typeof createGongMock>, query: string) =>
    (await callGet(mock, "listFlowFolders", `/v2/flows/folders?${query}`)).body as unknown as Page;

  it("lists the folders the user sees, under `flows` as Gong names the array, without the mock's own keys", async () => {
    const mock = createGongMock({ rps: 0 });
    const page = await listFolders(mock, "flowFolderOwnerEmail=test@test.com");
    expect(names(page)).toEqual(defaultFolders.map((folder) => folder.name));
    expect(page.flows[3]).toEqual({
      id: "1695493301223573468",
      name: "Webinars",
      visibility: "Company",
      creationDate: "2021-03-15T12:30:00+01:00",
    });
    expect(names(await listFolders(mock, "flowFolderOwnerEmail=sdr@example.com"))).toEqual([
      "Outbound",
      "Events",
      "Webinars",
    ]);
  });

  it("keeps a folder and the folders under it with parentId, and pages like the flows", async () => {
    const mock = createGongMock({ rps: 0, pageSize: 1 });
    const first = await listFolders(mock, "flowFolderOwnerEmail=test@test.com&parentId=1695493301223573467");
    expect(names(first)).toEqual(["Events"]);
    expect(first.records).toMatchObject({ totalRecords: 2, currentPageSize: 1, currentPageNumber: 0 });
    const next = await listFolders(
      mock,
      `flowFolderOwnerEmail=test@test.com&parentId=1695493301223573467&cursor=${String(first.records["cursor"])}`,
    );
    expect(names(next)).toEqual(["Webinars"]);
    expect(next.records["cursor"]).toBeUndefined();
  });
});

describe("getFlowSteps", () => {
  const steps = (mock: ReturnType<typeof createGongMock>, ...flowIds: string[]) =>
    call(mock, "getFlowSteps", { flowIds });

  it("answers the flows asked for, in that order, each once, with their details and steps", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await steps(mock, "1695493301223002764", "1695493301223590792", "1695493301223002764");
    expect(status).toBe(200);
    const flows = body["flows"] as { id: string; steps: { stepOrder: number }[] }[];
    expect(flows.map((flow) => flow.id)).toEqual(["1695493301223002764", "1695493301223590792"]);
    expect(flows[1]).toEqual({
      id: "1695493301223590792",
      name: "SDR Flow",
      folderId: "1695493301223573465",
      visibility: "Company",
      creationDate: "2018-02-17T02:30:00-08:00",
      exclusive: true,
      description: "First touch with inbound leads.",
      steps: [
        {
          id: "1695493301223590800",
          stepOrder: 1,
          action: "AUTO_SEND_EMAIL",
          subject: "Following up on our conversation",
          body: "<div>Hello {{recipient.first_name}}</div>",
          isReply: false,
        },
        { id: "1695493301223590801", stepOrder: 2, action: "CALL" },
        { id: "1695493301223590802", stepOrder: 3, action: "LINKEDIN_CONNECT" },
      ],
    });
  });

  it("fails the whole request with 404 when any id is unknown, naming every unknown id", async () => {
    const mock = createGongMock({ rps: 0 });
    const { status, body } = await steps(mock, "1695493301223590792", "gone-1", "gone-2");
    expect(status).toBe(404);
    expect(body).toEqual({ requestId: expect.any(String), errors: ["Flows not found: gone-1, gone-2"] });
  });

  it("answers a flow the data set gives no steps with an empty list; more than 20 ids is a 400", async () => {
    const mock = createGongMock({ rps: 0, assignedFlows: [{ flowInstanceId: "i", crmProspectId: "p", flowId: "f" }] });
    expect((await steps(mock, "f")).body["flows"]).toEqual([{ id: "f", visibility: "Company", steps: [] }]);
    expect((await steps(mock, ...Array.from({ length: 21 }, () => "f"))).status).toBe(400);
  });
});
