// One worker process calling Gong through @gong-flows/client with a store shared through Redis: the
// set-up of the README's "Many workers, one quota". Started by `runClientWorkers` in processes.ts;
// argv[2] is its settings as JSON:
//   id, redisUrl, key, serverUrl, requestsPerSecond, calls, dailyQuota, unavailableTimeoutMs,
//   maxRetryAfterMs
// It calls listAssignedFlows `calls` times, one after another, and prints one JSON line at the end:
// { id, done, errors: [{ name, message, retryAfterMs, json }] }. Each request carries a header that says
// when the store let it go (x-gone-at): the store is wrapped to note the moment its acquire resolves,
// and a custom fetch adds it (one call at a time per process, so the two belong together).
import { createGongFlowsClient } from "@gong-flows/client";
import { createRedisRateLimitStore } from "../../dist/index.js";

const settings = JSON.parse(process.argv[2]);
const store = createRedisRateLimitStore({
  redis: settings.redisUrl,
  key: settings.key,
  ...(settings.dailyQuota ? { dailyQuota: settings.dailyQuota } : {}),
  ...(settings.unavailableTimeoutMs ? { unavailableTimeoutMs: settings.unavailableTimeoutMs } : {}),
});
let goneAt = Number.NaN;
const noted = {
  async acquire(turn) {
    const waited = await store.acquire(turn);
    goneAt = performance.timeOrigin + performance.now();
    return waited;
  },
  hold: (ms) => store.hold(ms),
};
const gong = createGongFlowsClient({
  baseUrl: settings.serverUrl,
  auth: { bearerToken: "bench-token-not-a-secret" },
  rateLimit: { requestsPerSecond: settings.requestsPerSecond, store: noted },
  maxRetryAfterMs: settings.maxRetryAfterMs ?? 60_000,
  fetch: (request) => {
    request.headers.set("x-worker", String(settings.id));
    request.headers.set("x-gone-at", String(goneAt));
    return fetch(request);
  },
});
// The first request opens the connection: done before the run, like a service that is already up.
await (await fetch(`${settings.serverUrl}/__warmup`)).arrayBuffer();

const errors = [];
let done = 0;
for (let i = 0; i < settings.calls; i++) {
  try {
    await gong.listAssignedFlows({ crmProspectsIds: [`p${settings.id}x${i}`] });
    done += 1;
  } catch (error) {
    errors.push({
      name: error.name,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      json: JSON.stringify(error),
    });
  }
}
await store.close();
console.log(JSON.stringify({ id: settings.id, done, errors }));
