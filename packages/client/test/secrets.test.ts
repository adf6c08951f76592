import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createGongFlowsClient, GongConnectionError, GongError, type GongLogEvent } from "../src/index.js";
import { useFaultServer, type Reply } from "./support/fault-server.js";
import { accessKey, accessKeySecret, bearerToken, rejectionOf } from "./support/client.js";

const server = await useFaultServer();

const basicHeader = `Basic ${btoa(`${accessKey}:${accessKeySecret}`)}`;
const secrets = [accessKeySecret, btoa(`${accessKey}:${accessKeySecret}`), basicHeader, bearerToken];

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
      const error = await rejectionOf(gong.unassignByFlowInstanceIds({ flowInstanceIds: Array.from({ length: 250 }, (_, i) => `f${i}`) }));
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

  it("keeps them out of the client object itself", () => {
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: { accessKey, accessKeySecret } });
    expectNoSecret(inspect(gong, { depth: 10, showHidden: true }));
    expectNoSecret(JSON.stringify(gong));
  });
});
