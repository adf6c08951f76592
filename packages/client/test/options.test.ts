import { afterEach, describe, expect, it, vi } from "vitest";
import { createGongFlowsClient, GongConfigurationError, type GongFlowsClientOptions } from "../src/index.js";
import { accessKey, accessKeySecret, bearerToken, rejectionOf } from "./support/client.js";
import { useFaultServer } from "./support/fault-server.js";

const server = await useFaultServer();
afterEach(() => vi.unstubAllEnvs());

const base = () => ({ baseUrl: server.url, auth: { bearerToken } });
const create = (options: Record<string, unknown>) => () => createGongFlowsClient(options as GongFlowsClientOptions);

describe("an unknown option", () => {
  it.each([
    ["maxRetry", 3, '"maxRetry"; did you mean "maxRetries"?'],
    ["timeout", 5_000, '"timeout"; did you mean "timeoutMs"?'],
    ["ratelimit", { requestsPerSecond: 3 }, '"ratelimit"; did you mean "rateLimit"?'],
    ["retrydelay", {}, '"retrydelay"; did you mean "retryDelay"?'],
  ])("%s is refused, naming the closest known key", (key, value, message) => {
    expect(create({ ...base(), [key]: value })).toThrow(GongConfigurationError);
    expect(create({ ...base(), [key]: value })).toThrow(`Unknown option ${message}`);
  });

  it("is refused inside rateLimit, retryDelay and auth too", () => {
    expect(create({ ...base(), rateLimit: { requestPerSecond: 3 } })).toThrow(
      'Unknown option "rateLimit.requestPerSecond"; did you mean "rateLimit.requestsPerSecond"?',
    );
    expect(create({ ...base(), retryDelay: { initial: 10 } })).toThrow(
      'Unknown option "retryDelay.initial"; did you mean "retryDelay.initialMs"?',
    );
    expect(create({ baseUrl: server.url, auth: { accessKey, accessKeySecrets: accessKeySecret } })).toThrow(
      "auth.accessKeySecrets",
    );
  });

  it("with nothing close, lists the known keys", () => {
    expect(create({ ...base(), colour: "blue" })).toThrow(/^Unknown option "colour" \(known: baseUrl, auth, fetch, /);
  });

  it("of a call is refused before anything is sent", async () => {
    const gong = createGongFlowsClient(base());
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }, { timeout: 5 } as never));
    expect(error).toBeInstanceOf(GongConfigurationError);
    expect((error as Error).message).toContain('did you mean "timeoutMs"?');
    expect(server.requests).toHaveLength(0);
  });
});

describe("credentials", () => {
  it("refuses an access key and a bearer token together, as ambiguous", () => {
    expect(create({ baseUrl: server.url, auth: { accessKey, accessKeySecret, bearerToken } })).toThrow(
      /both an access key and a bearer token/,
    );
  });

  it("refuses both kinds in the environment too", () => {
    vi.stubEnv("GONG_ACCESS_KEY", accessKey);
    vi.stubEnv("GONG_ACCESS_KEY_SECRET", accessKeySecret);
    vi.stubEnv("GONG_BEARER_TOKEN", bearerToken);
    expect(create({ baseUrl: server.url })).toThrow(/Both GONG_ACCESS_KEY.*and GONG_BEARER_TOKEN are set/);
  });

  it.each([
    ["a bearer token with CR/LF", { bearerToken: "abc\r\nX-Injected: yes" }, "auth.bearerToken"],
    ["a bearer token with a space", { bearerToken: "abc def" }, "auth.bearerToken"],
    ["a bearer token with a non-ASCII character", { bearerToken: "tokén" }, "auth.bearerToken"],
    ["an access key with a line break", { accessKey: "key\nmore", accessKeySecret }, "auth.accessKey"],
    ["a secret with a NUL", { accessKey, accessKeySecret: "sec\u0000ret" }, "auth.accessKeySecret"],
  ])("refuses %s at creation, without showing it", (_label, auth, name) => {
    const attempt = create({ baseUrl: server.url, auth });
    expect(attempt).toThrow(GongConfigurationError);
    expect(attempt).toThrow(
      new RegExp(
        `^${name.replace(".", "\\.")} has a character that cannot go in an HTTP header at position \\d+ \\(not shown\\)\\.$`,
      ),
    );
  });

  it("refuses a token from a token function that could not go in a header, once, sending nothing", async () => {
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { bearerToken: () => "bad\ntoken" } });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toBeInstanceOf(GongConfigurationError);
    expect((error as Error).message).toMatch(/^the token auth\.bearerToken\(\) returned has a character/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the default fetch", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is globalThis.fetch as it is at each request, so that an interceptor installed after creation sees the calls", async () => {
    const gong = createGongFlowsClient({ ...base(), rateLimit: false });
    const original = globalThis.fetch;
    const seen: string[] = [];
    vi.stubGlobal("fetch", (request: Request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return original(request);
    });
    await gong.listAssignedFlows({ crmProspectsIds: ["p1"] });
    expect(seen).toEqual(["POST /v2/flows/prospects"]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a custom fetch that resolves to something other than a Response", () => {
  it.each([
    ["a plain object", { ok: true, status: 200 }],
    ["undefined", undefined],
  ])("fails with a typed error when it resolves to %s, and is not retried", async (_label, value) => {
    let calls = 0;
    const gong = createGongFlowsClient({
      ...base(),
      maxRetries: 3,
      fetch: async () => {
        calls++;
        return value as unknown as Response;
      },
    });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toBeInstanceOf(GongConfigurationError);
    expect((error as Error).message).toMatch(/: fetch resolved to (object|undefined), not a Response$/);
    expect(calls).toBe(1);
  });
});

describe("rateLimit.store", () => {
  it("must be a store", () => {
    expect(create({ ...base(), rateLimit: { requestsPerSecond: 3, store: {} } })).toThrow(
      /rateLimit\.store must have acquire\(turn\) and hold\(ms\) methods/,
    );
  });
});
