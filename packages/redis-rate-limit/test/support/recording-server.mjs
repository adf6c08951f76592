// A stand-in for Gong that records when each request arrives, by its own clock, in a process of its own
// (so that the workers' event loops cannot blur the times). Started by `startRecordingServer` in
// processes.ts; prints `listening <port>` once it listens on 127.0.0.1.
//
//   POST /v2/flows/prospects   recorded; answers 200 with an empty list, or 429 for the arrival numbers
//                              configured (with `Retry-After`)
//   POST /__config             { status429For: number[], retryAfterSeconds } and clears the record
//   POST /__stop               later answers say `x-stop: 1`: the worker that gets one sends no more
//   GET  /__arrivals           { arrivals: [{ at, worker, status }] }, `at` in ms since the epoch
//   GET  /__warmup             not recorded: a worker's first fetch, before its run
import { createServer } from "node:http";

let arrivals = [];
let config = { status429For: [], retryAfterSeconds: 1 };
let stopping = false;
const now = () => performance.timeOrigin + performance.now();

const readBody = (request) =>
  new Promise((resolve) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
  });

const server = createServer(async (request, response) => {
  const at = now();
  if (request.url === "/__warmup") {
    await readBody(request);
    response.writeHead(204).end();
    return;
  }
  if (request.url === "/__arrivals") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ arrivals }));
    return;
  }
  const body = await readBody(request);
  if (request.url === "/__stop") {
    stopping = true;
    response.writeHead(204).end();
    return;
  }
  if (request.url === "/__config") {
    config = { ...config, ...JSON.parse(body) };
    arrivals = [];
    stopping = false;
    response.writeHead(204).end();
    return;
  }
  const number = arrivals.length + 1;
  const status = config.status429For.includes(number) ? 429 : 200;
  arrivals.push({
    at,
    worker: request.headers["x-worker"] ?? null,
    status,
    goneAt: Number(request.headers["x-gone-at"] ?? Number.NaN),
  });
  if (status === 429) {
    response
      .writeHead(429, {
        "content-type": "application/json",
        "retry-after": String(config.retryAfterSeconds),
        ...(stopping ? { "x-stop": "1" } : {}),
      })
      .end(JSON.stringify({ requestId: `r${number}`, errors: ["API rate limit exceeded"] }));
    return;
  }
  response
    .writeHead(200, { "content-type": "application/json", ...(stopping ? { "x-stop": "1" } : {}) })
    .end(JSON.stringify({ requestId: `r${number}`, prospectsAssigned: [] }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
