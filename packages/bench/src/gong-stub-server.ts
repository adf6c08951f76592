import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { LeakyBucket } from "./leaky-bucket.js";

/** The list operation's path, as in the spec. */
export const listPath = "/v2/flows/prospects";
/** The unassign-by-flow-instance-id operation's path, as in the spec. */
export const unassignByInstancePath = "/v2/flows/prospects/unassign-flows-by-instance-id";

/** Options of {@link createGongStubServer}. */
export interface GongStubOptions {
  /**
   * Enforce a leaky-bucket limit on the API paths, answering 429 with `Retry-After` (whole seconds)
   * past it, like Gong does. Default: no limit (for the per-call overhead benchmark).
   */
  rateLimit?: { requestsPerSecond: number; burst: number } | undefined;
  /**
   * After this many requests the server answers 503 to everything, so that a runaway loop in a
   * benchmark cannot hammer it forever. Default 200,000.
   */
  maxRequests?: number | undefined;
}

/** What the stub has seen since it started or was last reset: read by the bulk benchmark. */
export interface GongStubStats {
  requests: number;
  accepted: number;
  rejected429: number;
  rejected400: number;
  /** Every flow-instance id the server unassigned, in order. */
  unassignedIds: string[];
}

/**
 * The fixed answer of the list operation: the spec's example, one flow instance, so that every arm of
 * the overhead benchmark parses the same small body.
 */
export const listAnswer = JSON.stringify({
  requestId: "4al018gzaztcr8nbukw",
  prospectsAssigned: [
    {
      flowId: "1695493301223590792",
      flowName: "SDR Flow",
      crmProspectId: "a5V1Q00A120DP4CVAW",
      flowInstanceId: "1234361284629356",
      flowInstanceOwnerEmail: "test@test.com",
      flowInstanceOwnerFullName: "Test User",
      flowInstanceCreateDate: "2019-01-20T00:00:00-08:00",
      flowInstanceStatus: "Running",
      workspaceId: "623457276584334",
      exclusive: true,
    },
  ],
});

/**
 * A stand-in for Gong's flow endpoints, small enough that the client, not the server, dominates what
 * the benchmarks measure: the list operation answers {@link listAnswer}; unassign-by-instance-id
 * unassigns every id it is sent (at most 200, else 400); `GET /__stats` and `POST /__reset` let the
 * benchmark read and clear its counters. Keep-alive is on, as with Gong's API.
 *
 * The server is not started; call `listen(0, "127.0.0.1")` on it.
 */
export function createGongStubServer(options: GongStubOptions = {}): Server {
  const maxRequests = options.maxRequests ?? 200_000;
  let bucket = options.rateLimit
    ? new LeakyBucket(options.rateLimit.requestsPerSecond, options.rateLimit.burst)
    : undefined;
  let counters = freshStats();
  let totalRequests = 0;

  const reset = (): void => {
    counters = freshStats();
    if (options.rateLimit) bucket = new LeakyBucket(options.rateLimit.requestsPerSecond, options.rateLimit.burst);
  };

  const server = createServer({ keepAlive: true }, (request, response) => {
    totalRequests += 1;
    if (totalRequests > maxRequests)
      return send(response, 503, { errors: ["request budget of the benchmark server exhausted"] });
    const url = request.url ?? "/";
    if (request.method === "GET" && url === "/__stats") return send(response, 200, counters);
    if (request.method === "POST" && url === "/__reset") {
      reset();
      return void readBody(request).then(() => send(response, 204));
    }
    void readBody(request).then((body) => {
      counters.requests += 1;
      if (bucket) {
        const verdict = bucket.take();
        if (!verdict.accepted) {
          counters.rejected429 += 1;
          return send(
            response,
            429,
            { requestId: requestId(), errors: ["API request limit exceeded"] },
            { "retry-after": String(verdict.retryAfterSeconds) },
          );
        }
      }
      if (request.method !== "POST")
        return send(response, 405, { requestId: requestId(), errors: ["method not allowed"] });
      if (url === listPath) {
        counters.accepted += 1;
        return send(response, 200, listAnswer);
      }
      if (url === unassignByInstancePath) {
        const ids = parseFlowInstanceIds(body);
        if (!ids) {
          counters.rejected400 += 1;
          return send(response, 400, { requestId: requestId(), errors: ["flowInstanceIds must be 1 to 200 ids"] });
        }
        counters.accepted += 1;
        counters.unassignedIds.push(...ids);
        return send(response, 200, { requestId: requestId(), unassignedFlowInstanceIds: ids });
      }
      return send(response, 404, { requestId: requestId(), errors: ["not found"] });
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

function freshStats(): GongStubStats {
  return { requests: 0, accepted: 0, rejected429: 0, rejected400: 0, unassignedIds: [] };
}

let requestCounter = 0;
function requestId(): string {
  requestCounter += 1;
  return `bench${requestCounter.toString(36)}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // A client that goes away mid-body still gets its request counted as read.
    request.on("error", () => resolve(""));
  });
}

function parseFlowInstanceIds(body: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const ids = (parsed as { flowInstanceIds?: unknown }).flowInstanceIds;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 200) return undefined;
    if (!ids.every((id): id is string => typeof id === "string" && id.length > 0)) return undefined;
    return ids;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers })
    .end(text);
}
