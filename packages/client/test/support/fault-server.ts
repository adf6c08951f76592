// A real HTTP server on 127.0.0.1 for the client's tests: it records every request it receives and
// answers each one as the test scripted it — an ordinary answer, a connection reset, or silence —
// so retries, timeouts and batching are tested over real sockets rather than a stubbed fetch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach } from "vitest";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** `JSON.parse(body)`, or undefined when the body is not JSON. */
  json: unknown;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

/** How the server answers one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Destroy the connection without answering (the client sees ECONNRESET / "fetch failed"). */
  | { reset: true }
  /** Never answer (until the server closes). */
  | { hang: true }
  /** Send status and headers, then never finish the body. */
  | { hangBody: true; status: number }
  /** Send status, headers and part of the body, then drop the connection (a reset mid-body). */
  | { dropBody: true; status: number };

export type Responder = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received so far, in order. */
  readonly requests: RecordedRequest[];
  /** Replaces the responder (default: 200 with the body `{ requestId: "req-<n>" }`). */
  respond(responder: Responder): void;
  /** Answers the next requests with these replies in order, then with the last one. */
  script(...replies: Reply[]): void;
  /** Forgets the recorded requests and restores the default responder. */
  reset(): void;
  close(): Promise<void>;
}

/** A request id that the server puts in the bodies it makes up, so tests can follow requests. */
export const requestIdOf = (index: number) => `req-${index + 1}`;

/** Starts a fault-injecting server on a free port of 127.0.0.1. */
export async function startFaultServer(): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const defaultResponder: Responder = (_request, index) => ({ status: 200, body: { requestId: requestIdOf(index) } });
  let responder = defaultResponder;

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body,
      json,
      at: Date.now(),
    };
    const index = requests.push(recorded) - 1;
    const reply = await responder(recorded, index);
    if ("reset" in reply) {
      req.socket.destroy();
      return;
    }
    if ("hang" in reply) return;
    if ("hangBody" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.write('{"requestId":');
      return;
    }
    if ("dropBody" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json", "content-length": "100" });
      res.write('{"requestId":', () => req.socket.destroy());
      return;
    }
    const payload =
      reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(payload);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      responder = next;
    },
    script(...replies) {
      const start = requests.length;
      responder = (_request, index) => replies[Math.min(index - start, replies.length - 1)] as Reply;
    },
    reset() {
      requests.length = 0;
      responder = defaultResponder;
    },
    close() {
      // Hanging requests keep sockets open; destroy them so close() returns.
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts a fault server for one test file: it is reset after each test and closed after the file.
 * Call it at the top level of the file (`const server = await useFaultServer();`).
 */
export async function useFaultServer(): Promise<FaultServer> {
  const server = await startFaultServer();
  afterEach(() => server.reset());
  afterAll(() => server.close());
  return server;
}
