import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A file the server answers with. */
export interface StaticFile {
  readonly contentType: string;
  readonly body: string;
}

/** A running {@link serveStatic} server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Closes the server and every connection still open. */
  close(): Promise<void>;
}

/**
 * Serves a fixed set of files from memory on 127.0.0.1 (a free port), so that the browser test's page
 * has an http origin on loopback, as a real page would. Anything else is a 404.
 */
export async function serveStatic(files: Readonly<Record<string, StaticFile>>): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = files[path];
    if (request.method !== "GET" || !file) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": file.contentType, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
