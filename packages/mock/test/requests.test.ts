// What the mock refuses, and how: the spec's request rules (ours and Gong's), malformed JSON, the
// content type, credentials. Every refusal is the spec's ErrorResponse, naming the problem.
import { describe, expect, it } from "vitest";
import { createGongMock, type GongMock } from "../src/index.js";
import { basicAuth, call } from "./support/calls.js";

const errorsOf = (body: Record<string, unknown>) => body["errors"] as string[];

describe("request validation against the spec's request schemas", () => {
  const cases: [string, Parameters<typeof call>[1], unknown, string[]][] = [
    [
      "an unknown property (a typo)",
      "listAssignedFlows",
      { crmProspectIds: ["a"] },
      ["/crmProspectsIds: is required", "/crmProspectIds: is not a known property (check its spelling)"],
    ],
    ["an empty id", "listAssignedFlows", { crmProspectsIds: [""] }, ["/crmProspectsIds/0: must not be empty"]],
    [
      "an empty list",
      "unassignFlowsByFlowInstanceIds",
      { flowInstanceIds: [] },
      ["/flowInstanceIds: must hold at least 1 item(s)"],
    ],
    [
      "201 flow instance ids (Gong's documented cap)",
      "unassignFlowsByFlowInstanceIds",
      { flowInstanceIds: Array.from({ length: 201 }, (_, i) => `i${i}`) },
      ["/flowInstanceIds: must hold at most 200 items"],
    ],
    [
      "a malformed email",
      "unassignFlowsByCrmProspectId",
      { crmProspectId: "p", unassignedByUserEmail: "not-an-email" },
      ["/unassignedByUserEmail: must be an email address"],
    ],
    ["a wrong type", "unassignFlowsByCrmProspectId", { crmProspectId: 42 }, ["/crmProspectId: must be a string"]],
    ["a body that is not an object", "listAssignedFlows", ["a"], ["(body): must be an object"]],
  ];
  it.each(cases)(
    "refuses %s with 400 naming the problem by its JSON pointer",
    async (_name, operation, body, errors) => {
      const mock = createGongMock({ rps: 0 });
      const response = await call(mock, operation, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ requestId: expect.stringMatching(/^[0-9a-z]{19}$/), errors });
    },
  );

  it("changes nothing when it refuses a request", async () => {
    const mock = createGongMock({ rps: 0 });
    await call(mock, "unassignFlowsByFlowInstanceIds", { flowInstanceIds: ["1234361284629356"], typo: true });
    expect(mock.stats().flowInstances).toEqual({ assigned: 5, unassigned: 0 });
  });

  it("accepts exactly 200 flow instance ids", async () => {
    const mock = createGongMock({ rps: 0 });
    const response = await call(mock, "unassignFlowsByFlowInstanceIds", {
      flowInstanceIds: Array.from({ length: 200 }, (_, i) => `i${i}`),
    });
    expect(response.status).toBe(200);
  });
});

describe("the body's form", () => {
  it("answers malformed JSON with 400 (where Prism never answers)", async () => {
    const response = await call(createGongMock({ rps: 0 }), "listAssignedFlows", undefined, {
      rawBody: '{"crmProspectsIds": [',
    });
    expect(response.status).toBe(400);
    expect(errorsOf(response.body)).toEqual(["The request body is not valid JSON."]);
    expect(response.body["requestId"]).toEqual(expect.any(String));
  });

  it.each(["text/plain", ""])("answers a content type other than JSON (%j) with 400", async (contentType) => {
    const response = await call(
      createGongMock({ rps: 0 }),
      "listAssignedFlows",
      { crmProspectsIds: ["a"] },
      { contentType },
    );
    expect(response.status).toBe(400);
    expect(errorsOf(response.body)[0]).toMatch(/^Content-Type must be application\/json/);
  });

  it("accepts JSON with a charset", async () => {
    const response = await call(
      createGongMock({ rps: 0 }),
      "listAssignedFlows",
      { crmProspectsIds: ["a"] },
      { contentType: "application/json; charset=utf-8" },
    );
    expect(response.status).toBe(200);
  });
});

describe("credentials", () => {
  const body = { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] };
  const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;
  const callWith = (mock: GongMock, authorization: string | null) =>
    call(mock, "listAssignedFlows", body, { authorization });

  it("by default accepts any well-formed Basic or Bearer header", async () => {
    const mock = createGongMock({ rps: 0 });
    expect((await callWith(mock, basicAuth)).status).toBe(200);
    expect((await callWith(mock, "Bearer any-token")).status).toBe(200);
    expect((await callWith(mock, "bearer any-token")).status).toBe(200);
  });

  it.each([
    ["no header", null, "Missing Authorization header"],
    ["another scheme", "Digest abc", "Unsupported authorization scheme"],
    ["a scheme alone", "Bearer", "Malformed Authorization header"],
    ["Basic that is not base64", "Basic not*base64", "Malformed Basic credentials"],
    ["Basic without a secret", basic("key-only"), "Malformed Basic credentials"],
    ["Basic with an empty secret", basic("key:"), "Malformed Basic credentials"],
  ])("answers %s with 401", async (_name, authorization, error) => {
    const response = await callWith(createGongMock({ rps: 0 }), authorization);
    expect(response.status).toBe(401);
    expect(errorsOf(response.body)[0]).toContain(error);
    expect(response.body["requestId"]).toEqual(expect.any(String));
  });

  it("given an access key and secret, accepts exactly those, and no bearer token", async () => {
    const mock = createGongMock({ rps: 0, accessKey: "key", accessKeySecret: "right-secret" });
    expect((await callWith(mock, basic("key:right-secret"))).status).toBe(200);
    const wrong = await callWith(mock, basic("key:wrong-secret"));
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toMatch(/wrong-secret|a2V5Ond/); // never echoes what was sent
    expect(errorsOf(wrong.body)).toEqual(["Unknown access key, or a wrong secret."]);
    expect((await callWith(mock, basic("other:right-secret"))).status).toBe(401);
    expect((await callWith(mock, "Bearer token")).status).toBe(401);
  });

  it("given a bearer token, accepts exactly it, and no Basic credentials; given both, either", async () => {
    const bearerOnly = createGongMock({ rps: 0, bearerToken: "tok" });
    expect((await callWith(bearerOnly, "Bearer tok")).status).toBe(200);
    expect((await callWith(bearerOnly, "Bearer other")).status).toBe(401);
    expect((await callWith(bearerOnly, basicAuth)).status).toBe(401);
    const both = createGongMock({ rps: 0, bearerToken: "tok", accessKey: "key", accessKeySecret: "s" });
    expect((await callWith(both, "Bearer tok")).status).toBe(200);
    expect((await callWith(both, basic("key:s"))).status).toBe(200);
  });

  it("checks credentials before the body: a bad body without credentials is a 401", async () => {
    const response = await call(
      createGongMock({ rps: 0 }),
      "listAssignedFlows",
      { nonsense: 1 },
      { authorization: null },
    );
    expect(response.status).toBe(401);
  });
});

describe("options", () => {
  it.each([
    [{ rps: -1 }, "/rps: must be a whole number, 0 or more (got -1)"],
    [{ dailyQuota: 1.5 }, "/dailyQuota: must be a whole number, 0 or more (got 1.5)"],
    [{ latencyMs: Number.NaN }, "/latencyMs: must be a whole number"],
    [{ accessKey: "key" }, "/accessKeySecret: accessKey and accessKeySecret go together"],
    [{ accessKey: "a:b", accessKeySecret: "s" }, "/accessKey: must not contain ':'"],
    [{ bearerToken: "" }, "/bearerToken: must be a non-empty string"],
  ])("refuses %j, naming the option", (options, message) => {
    expect(() => createGongMock(options)).toThrow(message);
  });
});
