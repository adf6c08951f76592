// One worker process sharing the Gong quota through Redis, as a user's pod or cron job would. Started
// by `runWorkers` in processes.ts; argv[2] is its settings as JSON:
//   id, redisUrl, key, serverUrl, requestsPerSecond (null: spacing off), dailyQuota, maxWaitMs,
//   unavailableTimeoutMs, requests (the most to send), runForMs (stop asking after), skewMs (shifts this
//   process's Date.now, as a machine whose clock is off would); it also stops after an answer saying
//   `x-stop: 1` (the test has seen what it needs)
// It asks the store for a turn, then sends one request to the recording server, saying in a header
// when the store let it go; a 429 holds the store for its Retry-After. It prints one JSON line at the
// end: { id, sent, events }.
import { Agent, request } from "node:http";
import { createRedisRateLimitStore } from "../../dist/index.js";

// node:http with one kept-alive socket rather than fetch: a request is on the wire within a fraction
// of a millisecond of the store's "go" (fetch adds milliseconds of its own on a busy machine), so that
// the arrival times judge the store.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.once("end", () => resolve({ status: response.statusCode, headers: response.headers }));
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

const settings = JSON.parse(process.argv[2]);
if (settings.skewMs) {
  const realNow = Date.now;
  Date.now = () => realNow() + settings.skewMs;
}

const store = createRedisRateLimitStore({
  redis: settings.redisUrl,
  key: settings.key,
  ...(settings.dailyQuota ? { dailyQuota: settings.dailyQuota } : {}),
  ...(settings.unavailableTimeoutMs ? { unavailableTimeoutMs: settings.unavailableTimeoutMs } : {}),
});
// The first request opens the connection: done before the run, like a service that is already up.
await post(`${settings.serverUrl}/__warmup`, {}, "");
const started = performance.now();
const events = [];
let sent = 0;
for (let asked = 0; asked < settings.requests && performance.now() - started < settings.runForMs; asked++) {
  try {
    await store.acquire({
      requestsPerSecond: settings.requestsPerSecond ?? undefined,
      maxWaitMs: settings.maxWaitMs ?? 60_000,
    });
  } catch (error) {
    events.push({
      type: "refused-or-failed",
      name: error.name,
      message: error.message,
      reason: error.reason,
      retryAfterMs: error.retryAfterMs,
      json: JSON.stringify(error),
      at: performance.timeOrigin + performance.now(),
    });
    continue;
  }
  const goneAt = performance.timeOrigin + performance.now();
  const response = await post(
    `${settings.serverUrl}/v2/flows/prospects`,
    { "content-type": "application/json", "x-worker": String(settings.id), "x-gone-at": String(goneAt) },
    JSON.stringify({ crmProspectsIds: [`p${settings.id}-${asked}`] }),
  );
  sent += 1;
  if (response.status === 429) {
    const retryAfterMs = Number(response.headers["retry-after"]) * 1000;
    events.push({ type: "429", retryAfterMs, at: performance.timeOrigin + performance.now() });
    await store.hold(retryAfterMs);
  }
  if (response.headers["x-stop"] === "1") break;
}
await store.close();
console.log(JSON.stringify({ id: settings.id, sent, events }));
