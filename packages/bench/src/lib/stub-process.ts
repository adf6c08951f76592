/**
 * A stand-in for Gong's list endpoint, cheap enough that the caller dominates what is measured: answers
 * every `POST` with one flow instance and records when each arrived (`GET /__arrivals`, with the caller's
 * `x-gone-at`; `POST /__reset`). Started by `startStub`; argv: port, lifetime in ms.
 */
import { createServer } from "node:http";

const [port = "0", lifetimeMs = String(30 * 60_000)] = process.argv.slice(2);
/** The list operation's answer: one flow instance, so that every arm parses the same small body. */
const listAnswer = JSON.stringify({
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
server.listen(Number(port), "127.0.0.1", () => process.stdout.write(`stub listening on 127.0.0.1:${port}\n`));
const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
setTimeout(stop, Number(lifetimeMs)).unref();
process.on("SIGTERM", stop);
