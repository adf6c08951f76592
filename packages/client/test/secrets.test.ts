import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createGongFlowsClient,
  GongConfigurationError,
  GongConnectionError,
  GongError,
  redactSecrets,
  type GongLogEvent,
} from "../src/index.js";
import { createRedactor } from "../src/redact.js";
import { useFaultServer, type Reply } from "./support/fault-server.js";
import { accessKey, accessKeySecret, bearerToken, rejectionOf } from "./support/client.js";

const server = await useFaultServer();

const basicHeader = `Basic ${btoa(`${accessKey}:${accessKeySecret}`)}`;
/** Sentinels: the key, the secret, their base64 (together, as in the header, and alone), a bearer token. */
const secrets = [
  accessKey,
  accessKeySecret,
  btoa(`${accessKey}:${accessKeySecret}`),
  btoa(accessKeySecret),
  btoa(accessKey),
  basicHeader,
  bearerToken,
];

/** Everything a caller might print of an error: message, stack, JSON, the full inspection, its causes. */
function everythingPrintable(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
  let cause: unknown = error;
  for (let i = 0; i < 5 && cause instanceof Error; i++) {
    parts.push(cause.message, cause.stack ?? "");
    cause = cause.cause;
  }
  return parts.join("\n");
}

function expectNoSecret(text: string): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

const failures: [string, Reply[]][] = [
  ["400", [{ status: 400, body: { requestId: "r", errors: ["Malformed"] } }]],
  ["401", [{ status: 401, body: { requestId: "r", errors: ["Unauthorized"] } }]],
  ["403", [{ status: 403, body: { requestId: "r" } }]],
  ["429 with a long Retry-After", [{ status: 429, headers: { "retry-after": "999" }, body: { requestId: "r" } }]],
  ["500", [{ status: 500, body: { requestId: "r" } }]],
  ["connection reset", [{ reset: true }]],
  ["timeout", [{ hang: true }]],
];

describe("credentials never leak", () => {
  for (const auth of [{ accessKey, accessKeySecret }, { bearerToken }]) {
    const kind = "bearerToken" in auth ? "bearer token" : "access key";
    it.each(failures)(`keeps the ${kind} out of the error and the log on a %s`, async (_label, replies) => {
      server.script(...replies);
      const events: GongLogEvent[] = [];
      const gong = createGongFlowsClient({
        baseUrl: server.url,
        auth,
        rateLimit: false,
        maxRetries: 1,
        // Short only where the case is a timeout: elsewhere a slow, busy machine must not turn the
        // scripted answer into a timeout.
        timeoutMs: replies.some((reply) => "hang" in reply) ? 150 : 10_000,
        retryDelay: { initialMs: 1, maxMs: 5 },
        logger: (event) => events.push(event),
      });
      const error = await rejectionOf(
        gong.unassignByFlowInstanceIds({ flowInstanceIds: Array.from({ length: 250 }, (_, i) => `f${i}`) }),
      );
      expect(error).toBeInstanceOf(GongError);
      expectNoSecret(everythingPrintable(error));
      expect(events.length).toBeGreaterThan(0);
      expectNoSecret(JSON.stringify(events));
      // The request did carry the credentials: the check above is about where they must not go.
      expect(server.requests[0]?.headers["authorization"]).toMatch(/^(Basic|Bearer) /);
    });
  }

  it("keeps them out of a validation error", async () => {
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { accessKey, accessKeySecret } });
    expectNoSecret(everythingPrintable(await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: [] }))));
  });

  it("redacts them from an error thrown by a custom fetch that quotes the request", async () => {
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { accessKey, accessKeySecret },
      maxRetries: 0,
      fetch: async (request) => {
        const error = new Error(`proxy refused request with authorization ${request.headers.get("authorization")}`);
        (error as Error & { cause: unknown }).cause = new Error(`inner: ${request.headers.get("authorization")}`);
        throw error;
      },
    });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(error).toBeInstanceOf(GongConnectionError);
    const printable = everythingPrintable(error);
    expectNoSecret(printable);
    expect(printable).toContain("proxy refused request with authorization Basic [REDACTED]");
  });

  /** Things a custom fetch (a proxy wrapper, an axios adapter, …) may throw, each quoting the credentials. */
  const throwers: [string, (request: Request) => unknown][] = [
    ["a string quoting the header", (request) => `proxy said no to ${request.headers.get("authorization")}`],
    ["an Error carrying the Request", (request) => Object.assign(new Error("request failed"), { request })],
    [
      "an axios-style error with config.headers",
      (request) =>
        Object.assign(new Error("Request failed with status code 502"), {
          config: { headers: { Authorization: request.headers.get("authorization") } },
          code: "ERR_BAD_RESPONSE",
        }),
    ],
    [
      "an Error with a string cause",
      (request) => new Error("upstream error", { cause: `header was ${request.headers.get("authorization")}` }),
    ],
    [
      "an AggregateError whose errors quote it",
      (request) =>
        new AggregateError(
          [
            new Error(`first: ${request.headers.get("authorization")}`),
            `second: ${request.headers.get("authorization")}`,
          ],
          "all attempts failed",
        ),
    ],
    [
      "a plain object",
      (request) => ({
        message: `object with ${request.headers.get("authorization")}`,
        headers: Object.fromEntries(request.headers),
      }),
    ],
    [
      "a deep cause chain",
      (request) =>
        new Error("outer", {
          cause: new Error("middle", {
            cause: Object.assign(new Error(`inner ${request.headers.get("authorization")}`), { code: "EPROXY" }),
          }),
        }),
    ],
  ];

  for (const auth of [{ accessKey, accessKeySecret }, { bearerToken }]) {
    const kind = "bearerToken" in auth ? "bearer token" : "access key";
    it.each(throwers)(`replaces %s with a redacted plain error (${kind})`, async (_label, thrower) => {
      const events: GongLogEvent[] = [];
      const gong = createGongFlowsClient({
        baseUrl: server.url,
        auth,
        maxRetries: 1,
        rateLimit: false,
        retryDelay: { initialMs: 1, maxMs: 2 },
        logger: (event) => events.push(event),
        fetch: async (request) => {
          throw thrower(request);
        },
      });
      const error = await rejectionOf(gong.unassignByCrmProspectId({ crmProspectId: "p1" }));
      expect(error).toBeInstanceOf(GongConnectionError);
      expectNoSecret(everythingPrintable(error));
      expectNoSecret(JSON.stringify(events));
      expect(events.filter((e) => e.type === "retry" || e.type === "failed")).toHaveLength(2);
      // The cause is a fresh plain error: nothing of the thrown object but its redacted text.
      const cause = (error as Error).cause as Error & Record<string, unknown>;
      expect(Object.getPrototypeOf(cause) === Error.prototype || cause instanceof AggregateError).toBe(true);
      for (const key of ["request", "config", "headers"]) expect(cause[key]).toBeUndefined();
    });
  }

  it("keeps the redacted text of what was thrown, so that the error still says what happened", async () => {
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { accessKey, accessKeySecret },
      maxRetries: 0,
      fetch: async (request) => {
        throw new AggregateError(
          [
            Object.assign(new Error(`connect to proxy with ${request.headers.get("authorization")}`), {
              code: "EPROXY",
            }),
          ],
          "all failed",
        );
      },
    });
    const error = (await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }))) as Error;
    const cause = error.cause as AggregateError;
    expect(cause).toBeInstanceOf(AggregateError);
    expect(cause.message).toBe("all failed");
    expect((cause.errors[0] as Error).message).toBe("connect to proxy with Basic [REDACTED]");
    expect((cause.errors[0] as { code?: string }).code).toBe("EPROXY");
  });

  it.each([401, 403])(
    "redacts a %i answer whose errors, request id and headers echo the credentials",
    async (status) => {
      server.respond((request) => ({
        status,
        headers: { "x-echo": String(request.headers["authorization"]) },
        body: {
          requestId: `id ${String(request.headers["authorization"])}`,
          errors: [`bad credentials: ${String(request.headers["authorization"])}`, `secret ${accessKeySecret} refused`],
        },
      }));
      const events: GongLogEvent[] = [];
      const gong = createGongFlowsClient({
        baseUrl: server.url,
        auth: { accessKey, accessKeySecret },
        logger: (event) => events.push(event),
      });
      const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
      expect(error).toMatchObject({
        status,
        errors: ["bad credentials: Basic [REDACTED]", "secret [REDACTED] refused"],
      });
      expectNoSecret(everythingPrintable(error));
      expectNoSecret(JSON.stringify(events));
    },
  );

  it("redacts a token from a token function, and one that function throws", async () => {
    const rotated = ["rotated-token-ONE-DO-NOT-LEAK", "rotated-token-TWO-DO-NOT-LEAK"];
    let n = 0;
    server.respond((request) => ({
      status: 401,
      body: { errors: [`expired: ${String(request.headers["authorization"])}`] },
    }));
    const gong = createGongFlowsClient({
      baseUrl: server.url,
      auth: { bearerToken: () => rotated[n++ % 2] as string },
      maxRetries: 0,
    });
    const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    for (const token of rotated) expect(everythingPrintable(error)).not.toContain(token);
    expect((error as { errors: string[] }).errors).toEqual(["expired: Bearer [REDACTED]"]);

    const failing = createGongFlowsClient({
      baseUrl: server.url,
      auth: {
        bearerToken: () => {
          throw new Error(`refresh with ${bearerToken} failed`);
        },
      },
    });
    // The client has never seen the token that function quotes, so it does not quote the function's message.
    const thrown = await rejectionOf(failing.listAssignedFlows({ crmProspectsIds: ["p1"] }));
    expect(thrown).toBeInstanceOf(GongConfigurationError);
    expect(String(thrown)).toContain("auth.bearerToken() threw Error");
    expect(everythingPrintable(thrown)).not.toContain(bearerToken);
  });

  it.each(["https://user:hunter2@api.gong.io:bad-port", "user:hunter2@api.gong.io", "https://us:er:hun@ter2@x y"])(
    "never echoes the user info of a base URL that does not parse: %s",
    (baseUrl) => {
      const error = (() => {
        try {
          createGongFlowsClient({ baseUrl, auth: { bearerToken } });
        } catch (thrown) {
          return thrown;
        }
        throw new Error("expected a configuration error");
      })();
      expect(error).toBeInstanceOf(GongConfigurationError);
      for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain("hunter2");
        expect(text).not.toContain("ter2");
      }
    },
  );

  it("keeps them out of the client object itself", () => {
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { accessKey, accessKeySecret } });
    expectNoSecret(inspect(gong, { depth: 10, showHidden: true }));
    expectNoSecret(JSON.stringify(gong));
  });
});

describe("the redactor of a client whose token refreshes often", () => {
  it("forgets the oldest tokens first: the newest ones, still on the wire, stay redacted in every form", () => {
    const redactor = createRedactor();
    // Of varying lengths, as tokens are: here each is shorter than the one before.
    const tokens = Array.from({ length: 60 }, (_, i) => `rotated-token-${i}-${"x".repeat(80 - i)}`);
    for (const token of tokens) redactor.add(token);
    const [previous, latest] = tokens.slice(-2) as [string, string];
    const forms = [previous, latest, Buffer.from(previous).toString("base64"), encodeURIComponent(latest)];
    expect(redactor.text(forms.join(" "))).toBe(forms.map(() => "[REDACTED]").join(" "));
    // The first tokens, long replaced, are the ones given up.
    expect(redactor.text(tokens[0]!)).toBe(tokens[0]);
  });
});

describe("a secret that percent-encoding changes", () => {
  // `+ / = &` are the characters of base64 and of query strings: a secret holding them reads differently
  // in a URL (`%2B%2F%3D%26`), and text quoting a URL quotes that form.
  const secret = "pct+secret/with=and&more==";
  const token = "pct+token/with=and&more==";
  const encoded = [encodeURIComponent(secret), encodeURIComponent(token)];

  it("uses a secret whose percent-encoded form differs from it", () => {
    expect(encoded).toEqual(["pct%2Bsecret%2Fwith%3Dand%26more%3D%3D", "pct%2Btoken%2Fwith%3Dand%26more%3D%3D"]);
  });

  for (const auth of [{ accessKey, accessKeySecret: secret }, { bearerToken: token }]) {
    const kind = "bearerToken" in auth ? "bearer token" : "access key secret";
    const form = "bearerToken" in auth ? encoded[1]! : encoded[0]!;

    it(`removes the ${kind}'s percent-encoded form from an error a custom fetch throws, and from the log`, async () => {
      const events: GongLogEvent[] = [];
      const gong = createGongFlowsClient({
        baseUrl: server.url,
        auth,
        maxRetries: 1,
        rateLimit: false,
        retryDelay: { initialMs: 1, maxMs: 2 },
        logger: (event) => events.push(event),
        fetch: async () => {
          throw new Error(`proxy refused https://proxy.test/login?secret=${form}`, {
            cause: new Error(`upstream quoted ${form}`),
          });
        },
      });
      const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
      expect(error).toBeInstanceOf(GongConnectionError);
      const printable = everythingPrintable(error);
      expect(printable).not.toContain(form);
      expect(printable).toContain("proxy refused https://proxy.test/login?secret=[REDACTED]");
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toContain(form);
      expect(JSON.stringify(events)).toContain("[REDACTED]");
    });

    it(`removes the ${kind}'s percent-encoded form from an error answer that echoes it`, async () => {
      server.respond(() => ({ status: 401, body: { requestId: "r", errors: [`refused credentials ${form}`] } }));
      const events: GongLogEvent[] = [];
      const gong = createGongFlowsClient({
        baseUrl: server.url,
        auth,
        rateLimit: false,
        logger: (event) => events.push(event),
      });
      const error = await rejectionOf(gong.listAssignedFlows({ crmProspectsIds: ["p1"] }));
      expect(error).toMatchObject({ status: 401, errors: ["refused credentials [REDACTED]"] });
      expect(everythingPrintable(error)).not.toContain(form);
      expect(JSON.stringify(events)).not.toContain(form);
    });
  }

  it("is removed in every form by redactSecrets", () => {
    const forms = [secret, Buffer.from(secret).toString("base64"), encoded[0]!];
    expect(redactSecrets(`a ${forms.join(" b ")} c`, [secret])).toBe("a [REDACTED] b [REDACTED] b [REDACTED] c");
  });
});
