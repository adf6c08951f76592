// listFlows and listFlowFolders: every item of every page, following records.cursor, with a guard
// against a cursor that leads round in a circle; one page at a time; the query checked before sending.
import { describe, expect, it } from "vitest";
import { GongResponseValidationError, GongValidationError } from "../src/index.js";
import { rejectionOf, testClient } from "./support/client.js";
import { type RecordedRequest, type Reply, useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();

const queryOf = (request: RecordedRequest | undefined) =>
  Object.fromEntries(new URL(request?.path ?? "/", "http://x").searchParams);

/** Gong serving `pages` of flows (or folders): page n carries cursor `c<n+1>` unless it is the last. */
function pagesOf(pages: string[][], cursorOf = (index: number) => `c${index + 1}`) {
  return (request: RecordedRequest): Reply => {
    const cursor = queryOf(request).cursor;
    const index = cursor === undefined ? 0 : Number(cursor.slice(1));
    const last = index === pages.length - 1;
    return {
      status: 200,
      body: {
        requestId: `req-${index}`,
        records: {
          totalRecords: pages.flat().length,
          currentPageNumber: index,
          ...(last ? {} : { cursor: cursorOf(index) }),
        },
        flows: (pages[index] ?? []).map((id) => ({ id, name: `flow ${id}` })),
      },
    };
  };
}

describe("listFlows", () => {
  it("iterates over every flow of every page, following the cursor with the same query", async () => {
    server.respond(pagesOf([["a", "b"], ["c"], ["d"]]));
    const { gong } = testClient(server.url);
    const ids: (string | undefined)[] = [];
    for await (const flow of gong.listFlows({ flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: false }))
      ids.push(flow.id);
    expect(ids).toEqual(["a", "b", "c", "d"]);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
    expect(server.requests.map((r) => new URL(r.path, "http://x").pathname)).toEqual(Array(3).fill("/v2/flows"));
    expect(server.requests.map(queryOf)).toEqual([
      { flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: "false" },
      { flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: "false", cursor: "c1" },
      { flowOwnerEmail: "owner@example.com", mostRecentlyAssigned: "false", cursor: "c2" },
    ]);
  });

  it("fetches a page only when the items before it have been read", async () => {
    server.respond(pagesOf([["a", "b"], ["c"]]));
    const { gong } = testClient(server.url);
    for await (const flow of gong.listFlows({ flowOwnerEmail: "owner@example.com" })) if (flow.id === "b") break;
    expect(server.requests).toHaveLength(1);
  });

  it("yields the pages themselves, with their records and request ids", async () => {
    server.respond(pagesOf([["a"], ["b"]]));
    const { gong } = testClient(server.url);
    const pages = [];
    for await (const page of gong.listFlows({ flowOwnerEmail: "owner@example.com" }).pages()) pages.push(page);
    expect(pages.map((p) => [p.flows.map((f) => f.id), p.nextCursor, p.requestId, p.records?.totalRecords])).toEqual([
      [["a"], "c1", "req-0", 2],
      [["b"], undefined, "req-1", 2],
    ]);
  });

  it("gets one page at the cursor given", async () => {
    server.respond(pagesOf([["a"], ["b"], ["c"]]));
    const { gong } = testClient(server.url);
    const page = await gong.listFlowsPage({ flowOwnerEmail: "owner@example.com", cursor: "c1" });
    expect(page.flows.map((f) => f.id)).toEqual(["b"]);
    expect(page.nextCursor).toBe("c2");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses an answer that repeats an earlier cursor instead of looping for ever", async () => {
    server.respond(pagesOf([["a"], ["b"], ["c"]], () => "c1"));
    const { gong } = testClient(server.url);
    const seen: (string | undefined)[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const flow of gong.listFlows({ flowOwnerEmail: "owner@example.com" })) seen.push(flow.id);
      })(),
    );
    expect(error).toBeInstanceOf(GongResponseValidationError);
    expect((error as GongResponseValidationError).issues.map((issue) => issue.path)).toEqual(["/records/cursor"]);
    expect(seen).toEqual(["a"]); // the answer that repeats it is refused whole
    expect(server.requests).toHaveLength(2);
  });

  it("checks the query when called, before anything is sent", async () => {
    const { gong } = testClient(server.url);
    const bad = { flowOwnerEmail: "not-an-email", folderId: "", flowOwner: "x" } as never;
    const error = (() => {
      try {
        gong.listFlows(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GongValidationError);
    expect((error as GongValidationError).issues.map((issue) => issue.path).sort()).toEqual([
      "/flowOwner",
      "/flowOwnerEmail",
      "/folderId",
    ]);
    expect(await rejectionOf(gong.listFlowsPage({} as never))).toBeInstanceOf(GongValidationError);
    expect(server.requests).toEqual([]);
  });

  it("retries a page after a 500: it is a read", async () => {
    server.respond((request, index) => (index === 0 ? { status: 500 } : pagesOf([["a"]])(request)));
    const { gong } = testClient(server.url);
    const ids = [];
    for await (const flow of gong.listFlows({ flowOwnerEmail: "owner@example.com" })) ids.push(flow.id);
    expect(ids).toEqual(["a"]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("listFlowFolders", () => {
  it("iterates over every folder, under the name folders", async () => {
    server.respond(pagesOf([["f1"], ["f2"]]));
    const { gong } = testClient(server.url);
    const names = [];
    for await (const folder of gong.listFlowFolders({ flowFolderOwnerEmail: "owner@example.com", parentId: "17" }))
      names.push(folder.name);
    expect(names).toEqual(["flow f1", "flow f2"]);
    expect(server.requests.map((r) => new URL(r.path, "http://x").pathname)).toEqual(
      Array(2).fill("/v2/flows/folders"),
    );
    expect(queryOf(server.requests[1])).toEqual({
      flowFolderOwnerEmail: "owner@example.com",
      parentId: "17",
      cursor: "c1",
    });
    const page = await gong.listFlowFoldersPage({ flowFolderOwnerEmail: "owner@example.com" });
    expect(page.folders.map((f) => f.id)).toEqual(["f1"]);
  });

  it("refuses a parent id that is not decimal digits", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(
      gong.listFlowFoldersPage({ flowFolderOwnerEmail: "o@example.com", parentId: "1e3" }),
    );
    expect((error as GongValidationError).issues).toEqual([
      { path: "/parentId", message: "must match the pattern ^[0-9]+$" },
    ]);
  });
});

describe("raw", () => {
  it("checks a GET's parameters against the spec too, before sending", async () => {
    const { gong } = testClient(server.url);
    const error = await rejectionOf(gong.raw.GET("/v2/flows", { params: { query: { flowOwnerEmail: "nope" } } }));
    expect((error as GongValidationError).issues).toEqual([
      { path: "/flowOwnerEmail", message: "must be an email address" },
    ]);
    expect(server.requests).toEqual([]);
    server.respond(pagesOf([["a"]]));
    const { data } = await gong.raw.GET("/v2/flows", { params: { query: { flowOwnerEmail: "o@example.com" } } });
    expect(data?.flows?.map((flow) => flow.id)).toEqual(["a"]);
  });

  it("never sends an assign again once it may have reached Gong", async () => {
    server.respond(() => ({ status: 502 }));
    const { gong } = testClient(server.url);
    const body = { flowId: "f", flowInstanceOwnerEmail: "o@example.com", crmProspectsIds: ["a"] };
    const { response } = await gong.raw.POST("/v2/flows/prospects/assign", { body });
    expect(response.status).toBe(502);
    expect(server.requests).toHaveLength(1);
  });
});
