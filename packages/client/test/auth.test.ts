import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createGongFlowsClient,
  GongAuthenticationError,
  GongConfigurationError,
  type GongLogEvent,
} from "../src/index.js";
import { useFaultServer } from "./support/fault-server.js";
import { accessKey, accessKeySecret, bearerToken } from "./support/client.js";

const server = await useFaultServer();
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const list = (gong: ReturnType<typeof createGongFlowsClient>) => gong.listAssignedFlows({ crmProspectsIds: ["p1"] });

describe("authentication headers", () => {
  it("sends Basic base64(accessKey:accessKeySecret)", async () => {
    await list(createGongFlowsClient({ baseUrl: server.url, auth: { accessKey, accessKeySecret } }));
    // Computed independently of the client, with Node's Buffer.
    const expected = `Basic ${Buffer.from(`${accessKey}:${accessKeySecret}`).toString("base64")}`;
    expect(server.requests[0]?.headers["authorization"]).toBe(expected);
  });

  it("encodes non-ASCII secrets as UTF-8", async () => {
    await list(createGongFlowsClient({ baseUrl: server.url, auth: { accessKey: "kéy", accessKeySecret: "sécret✓" } }));
    expect(server.requests[0]?.headers["authorization"]).toBe(
      `Basic ${Buffer.from("kéy:sécret✓", "utf8").toString("base64")}`,
    );
  });

  it("sends Bearer <token>", async () => {
    await list(createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken } }));
    expect(server.requests[0]?.headers["authorization"]).toBe(`Bearer ${bearerToken}`);
  });

  it("sends JSON with the method and path of the spec", async () => {
    await list(createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken } }));
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/v2/flows/prospects",
      json: { crmProspectsIds: ["p1"] },
    });
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  it("keeps a path prefix of the base URL (customer-specific OAuth hosts)", async () => {
    await list(createGongFlowsClient({ baseUrl: `${server.url}/gong/`, auth: { bearerToken } }));
    expect(server.requests[0]?.path).toBe("/gong/v2/flows/prospects");
  });
});

describe("credentials and base URL from the environment", () => {
  it("reads GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET and GONG_BASE_URL", async () => {
    vi.stubEnv("GONG_ACCESS_KEY", accessKey);
    vi.stubEnv("GONG_ACCESS_KEY_SECRET", accessKeySecret);
    vi.stubEnv("GONG_BASE_URL", server.url);
    const gong = createGongFlowsClient();
    expect(gong.baseUrl).toBe(server.url);
    await list(gong);
    expect(server.requests[0]?.headers["authorization"]).toBe(`Basic ${btoa(`${accessKey}:${accessKeySecret}`)}`);
  });

  it("reads GONG_BEARER_TOKEN", async () => {
    vi.stubEnv("GONG_BEARER_TOKEN", bearerToken);
    await list(createGongFlowsClient({ baseUrl: server.url }));
    expect(server.requests[0]?.headers["authorization"]).toBe(`Bearer ${bearerToken}`);
  });

  it("defaults to https://api.gong.io", () => {
    vi.stubEnv("GONG_BASE_URL", "");
    expect(createGongFlowsClient({ auth: { bearerToken } }).baseUrl).toBe("https://api.gong.io");
  });

  it("shows the per-attempt timeout in force: the option, else 30 s", () => {
    expect(createGongFlowsClient({ auth: { bearerToken } }).timeoutMs).toBe(30_000);
    expect(createGongFlowsClient({ auth: { bearerToken }, timeoutMs: 1_234 }).timeoutMs).toBe(1_234);
  });

  it("refuses to start without credentials, naming the options and variables", () => {
    for (const name of ["GONG_ACCESS_KEY", "GONG_ACCESS_KEY_SECRET", "GONG_BEARER_TOKEN"]) vi.stubEnv(name, "");
    expect(() => createGongFlowsClient({ baseUrl: server.url })).toThrow(GongConfigurationError);
    expect(() => createGongFlowsClient({ baseUrl: server.url })).toThrow(
      /auth: \{ accessKey, accessKeySecret \}.*auth: \{ bearerToken \}.*GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN/,
    );
  });

  it("refuses half a key pair from the environment", () => {
    vi.stubEnv("GONG_ACCESS_KEY", accessKey);
    vi.stubEnv("GONG_ACCESS_KEY_SECRET", "");
    expect(() => createGongFlowsClient({ baseUrl: server.url })).toThrow(/GONG_ACCESS_KEY_SECRET is not set/);
  });

  it("refuses empty credentials", () => {
    expect(() => createGongFlowsClient({ baseUrl: server.url, auth: { accessKey: "", accessKeySecret } })).toThrow(
      /auth.accessKey/,
    );
    expect(() => createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken: " " } })).toThrow(
      /auth.bearerToken/,
    );
  });
});

describe("in a browser", () => {
  it("refuses access-key credentials unless dangerouslyAllowBrowser is set", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    expect(() => createGongFlowsClient({ baseUrl: server.url, auth: { accessKey, accessKeySecret } })).toThrow(
      /the secret would ship to every visitor/,
    );
    expect(() =>
      createGongFlowsClient({
        baseUrl: server.url,
        auth: { accessKey, accessKeySecret },
        dangerouslyAllowBrowser: true,
      }),
    ).not.toThrow();
    expect(() => createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken } })).not.toThrow();
  });
});

describe("transport security", () => {
  it.each([
    "http://api.gong.io",
    "http://10.0.0.8:8080",
    "http://128.0.0.1",
    "http://localhost.example.com",
    "ftp://api.gong.io",
  ])("refuses %s", (baseUrl) => {
    expect(() => createGongFlowsClient({ baseUrl, auth: { bearerToken } })).toThrow(GongConfigurationError);
    expect(() => createGongFlowsClient({ baseUrl, auth: { bearerToken } })).toThrow(/must use https:/);
  });

  it.each([
    "http://localhost:4010",
    "http://127.0.0.1:4010",
    "http://127.10.20.30",
    "http://[::1]:4010",
    "https://us-1234.api.gong.io",
  ])("accepts %s", (baseUrl) => {
    expect(createGongFlowsClient({ baseUrl, auth: { bearerToken } }).baseUrl).toBe(baseUrl);
  });

  it("refuses credentials, a query or a fragment in the base URL, without echoing the credentials", () => {
    const attempt = () => createGongFlowsClient({ baseUrl: "https://user:hunter2@api.gong.io", auth: { bearerToken } });
    expect(attempt).toThrow(/must not contain credentials/);
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => createGongFlowsClient({ baseUrl: "https://api.gong.io?x=1", auth: { bearerToken } })).toThrow(
      /query or fragment/,
    );
    expect(() => createGongFlowsClient({ baseUrl: "not a url", auth: { bearerToken } })).toThrow(
      /not a valid absolute URL/,
    );
  });

  it("refuses out-of-range options at construction", () => {
    const base = { baseUrl: server.url, auth: { bearerToken } };
    expect(() => createGongFlowsClient({ ...base, maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createGongFlowsClient({ ...base, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createGongFlowsClient({ ...base, listBatchSize: 1.5 })).toThrow(/listBatchSize/);
    expect(() => createGongFlowsClient({ ...base, rateLimit: { requestsPerSecond: 0 } })).toThrow(/requestsPerSecond/);
  });
});

describe("refreshable OAuth tokens", () => {
  /** A Gong that accepts only the current token, and a token source whose first token has expired. */
  function expiringToken() {
    let current = "token-1";
    const asked: boolean[] = [];
    const source = ({ refresh }: { refresh: boolean }) => {
      asked.push(refresh);
      if (refresh) current = `token-${asked.length}`;
      return Promise.resolve(current);
    };
    let valid = "token-2";
    server.respond((request) =>
      request.headers["authorization"] === `Bearer ${valid}`
        ? { status: 200, body: { requestId: "r", unassignedFlowInstanceIds: ["f1"] } }
        : { status: 401, body: { errors: ["token expired"] } },
    );
    return { source, asked, expire: (next: string) => (valid = next) };
  }

  it("asks the token function before each attempt, and once for a fresh token after a 401, then retries once", async () => {
    const { source, asked } = expiringToken();
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken: source }, maxRetries: 0 });
    await expect(gong.unassignByCrmProspectId({ crmProspectId: "p1" })).resolves.toMatchObject({
      unassignedFlowInstanceIds: ["f1"],
    });
    expect(asked).toEqual([false, true]);
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual(["Bearer token-1", "Bearer token-2"]);
    // The fresh token stays in use: the next call asks without refresh and succeeds at once.
    await gong.unassignByCrmProspectId({ crmProspectId: "p2" });
    expect(asked).toEqual([false, true, false]);
    expect(server.requests).toHaveLength(3);
  });

  it("does not loop: a second 401 is the caller's GongAuthenticationError", async () => {
    const { source, asked, expire } = expiringToken();
    expire("a-token-it-never-gets");
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken: source } });
    await expect(gong.listAssignedFlows({ crmProspectsIds: ["p1"] })).rejects.toBeInstanceOf(GongAuthenticationError);
    expect(asked).toEqual([false, true]);
    expect(server.requests).toHaveLength(2);
  });

  it("keeps the rate limiter's state: the retry with the fresh token waits for its turn", async () => {
    const { source } = expiringToken();
    const events: GongLogEvent[] = [];
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken: source },
      rateLimit: { requestsPerSecond: 4 },
      logger: (e) => events.push(e),
    });
    await gong.unassignByCrmProspectId({ crmProspectId: "p1" });
    const turns = events.filter((e) => e.type === "request");
    expect(turns).toHaveLength(2);
    expect((turns[1] as { waitedMs: number }).waitedMs).toBeGreaterThan(100);
  });

  it("does not retry a 401 to a fixed token", async () => {
    server.respond(() => ({ status: 401, body: {} }));
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken } });
    await expect(gong.listAssignedFlows({ crmProspectsIds: ["p1"] })).rejects.toBeInstanceOf(GongAuthenticationError);
    expect(server.requests).toHaveLength(1);
  });
});
