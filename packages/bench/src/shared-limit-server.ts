/**
 * The server of the shared-limit benchmark, run as a process of its own by `startArrivalServer` (so the
 * workers' event loops cannot blur its clock): answers every `POST` with the list example and records
 * when each request arrived. `GET /__arrivals` returns `{ arrivals: number[], goneAt: number[] }` (ms
 * since the epoch, sub-millisecond; `goneAt`: when the worker's arm let the request go, from its
 * `x-gone-at` header); `POST /__reset` clears them. Prints `listening <port>` on 127.0.0.1; exits on
 * SIGTERM, after `lifetimeMs`, or with its watchdog when the benchmark dies.
 */
import { createServer } from "node:http";
import { listAnswer } from "./gong-stub-server.js";

const lifetimeMs = Number(process.argv[2] ?? 30 * 60_000);
let arrivals: number[] = [];
let goneAt: number[] = [];
const server = createServer({ keepAlive: true }, (request, response) => {
  const at = performance.timeOrigin + performance.now();
  request.resume();
  request.on("end", () => {
    if (request.url === "/__arrivals") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ arrivals, goneAt }));
    } else if (request.url === "/__reset") {
      arrivals = [];
      goneAt = [];
      response.writeHead(204).end();
    } else if (request.url === "/__warmup") {
      response.writeHead(204).end();
    } else {
      if (arrivals.length < 100_000) {
        arrivals.push(at);
        goneAt.push(Number(request.headers["x-gone-at"] ?? Number.NaN));
      }
      response.writeHead(200, { "content-type": "application/json" }).end(listAnswer);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("no port");
  process.stdout.write(`listening ${address.port}\n`);
});
const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
setTimeout(stop, lifetimeMs).unref();
process.on("SIGTERM", stop);
