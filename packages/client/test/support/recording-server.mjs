// A Gong stand-in in a process of its own (started by test/spacing.test.ts with testkit's
// spawnInGroup), so that arrival times are taken where requests arrive, by a process whose event loop
// the client's does not share. It answers every POST with an empty 200 list answer, records when each
// request's headers arrived (ms, from this process's clock), and serves them at GET /arrivals.
//
// Every new connection is held for `--handshake-ms` (default 70) before its first request is read:
// what a TCP and TLS handshake to a distant server costs, so that the first request on a new connection
// arrives late, as it does at Gong. With `--jitter-ms=N` (default 0) each arrival is recorded up to N ms
// late, at random: the varying delay of a network between a client and Gong.
import { createServer } from "node:http";

const handshakeMs = Number(/--handshake-ms=(\d+)/.exec(process.argv.join(" "))?.[1] ?? 70);
const jitterMs = Number(/--jitter-ms=(\d+)/.exec(process.argv.join(" "))?.[1] ?? 0);

const arrivals = [];
const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/arrivals") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(arrivals));
    return;
  }
  arrivals.push(performance.timeOrigin + performance.now() + Math.random() * jitterMs);
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ requestId: `r${arrivals.length}`, prospectsAssigned: [], unassignedFlowInstanceIds: [] }),
    );
  });
});
server.on("connection", (socket) => {
  socket.pause();
  setTimeout(() => socket.resume(), handshakeMs);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
