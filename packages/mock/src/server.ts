import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { redactSecrets } from "@gong-flows/client";
import { markArrival } from "./arrivals.js";
import { secretsOf } from "./credentials.js";
import { gongHandlers } from "./handlers.js";
import { errorResponse, jsonResponse, newRequestId } from "./responses.js";
import { createGongMock, type GongMock } from "./mock.js";
import type { GongMockOptions } from "./options.js";

/** Options of {@link startGongMock}: where to listen, and the mock's own options. */
export interface StartGongMockOptions extends GongMockOptions {
  /** Port to listen on. Default 0: a free port chosen by the system (read it from `url`). */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** Serve this mock instead of creating one from the options. */
  mock?: GongMock | undefined;
  /**
   * Called once per answered request (the CLI's `--log`): its method, path (with the query), status
   * and the milliseconds from its arrival to the end of the answer. Never given a header or a body;
   * the path has every credential of the request and of the mock's options replaced by `[REDACTED]`
   * (the client's redaction), should a caller have put one in the URL.
   */
  onResponse?: ((entry: { method: string; path: string; status: number; durationMs: number }) => void) | undefined;
}

/** A running mock server. */
export interface RunningGongMock {
  /** Its base URL, e.g. `http://127.0.0.1:4010`: give it to the client as `baseUrl`. */
  readonly url: string;
  /** The port it listens on (the one asked for, or the free one the system chose for port 0). */
  readonly port: number;
  /** The mock it serves: its state, counters and faults, in code. */
  readonly mock: GongMock;
  /** Stops listening and closes every connection; resolves once the server is closed. Safe to call twice. */
  close(): Promise<void>;
  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the mock as an HTTP server: the same MSW handlers as {@link gongHandlers}, admin surface
 * included, resolved for each request with MSW's `getResponse` — no interception of this process's
 * own traffic, and no framework between the socket and the handlers.
 *
 * @example
 * ```ts
 * const server = await startGongMock({ rps: 0 });
 * const gong = createGongFlowsClient({ baseUrl: server.url, auth: { accessKey: "k", accessKeySecret: "s" } });
 * await server.close();
 * ```
 */
export async function startGongMock(options: StartGongMockOptions = {}): Promise<RunningGongMock> {
  const { port = 0, host = "127.0.0.1", mock: given, onResponse, ...mockOptions } = options;
  const mock = given ?? createGongMock(mockOptions);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const handlers = gongHandlers(mock, { baseUrl: url });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res).catch(() => res.destroy());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = mock.options.clock.now();
    const started = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const method = req.method ?? "GET";
    const request = new Request(`${url}${req.url ?? "/"}`, {
      method,
      headers,
      ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    });
    markArrival(request, arrived);
    const response =
      (await getResponse(handlers, request).catch((error: unknown) =>
        jsonResponse(500, { errors: [`The mock failed: ${String(error)}`] }),
      )) ?? errorResponse(404, newRequestId(), [`No such endpoint: ${method} ${new URL(request.url).pathname}`]);
    await send(response, res);
    if (onResponse !== undefined) {
      const secrets = [
        ...secretsOf(req.headers.authorization),
        ...[mockOptions.accessKey, mockOptions.accessKeySecret, mockOptions.bearerToken].filter((s) => s !== undefined),
      ];
      onResponse({
        method,
        path: redactSecrets(req.url ?? "/", secrets),
        status: response.status,
        durationMs: performance.now() - started,
      });
    }
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, port: address.port, mock, close, [Symbol.asyncDispose]: close };
}

/** Writes a Fetch `Response` to a Node response; a body that fails part-way breaks the connection. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) res.write(read.value);
  } catch {
    // The answer was meant to be lost (a loseAnswer fault): what was written goes out, then the
    // connection is cut without finishing the chunked body, as a crashed server or a dropped link would.
    await new Promise<void>((resolve) => res.write("", () => resolve()));
    res.destroy();
    return;
  }
  res.end();
}
