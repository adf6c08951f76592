// One process calling Gong through @gong-flows/client with a Redis store, as the README's worker does
// (no warm-up: its first request opens a new connection). Started by `runBusyWorkers` in processes.ts;
// argv[2] is its settings as JSON: id, redisUrl, key, serverUrl, requestsPerSecond, concurrency
// (calls in flight at once), startAt and endAt (epoch ms: it calls without pause in between). Prints
// one JSON line at the end: { id, done, errors: [{ name, message }] }.
import { createGongFlowsClient } from "@gong-flows/client";
import { createRedisRateLimitStore } from "../../dist/index.js";

const settings = JSON.parse(process.argv[2]);
const store = createRedisRateLimitStore({ redis: settings.redisUrl, key: settings.key });
const gong = createGongFlowsClient({
  baseUrl: settings.serverUrl,
  auth: { accessKey: "busy-worker", accessKeySecret: "not-a-secret" },
  rateLimit: { requestsPerSecond: settings.requestsPerSecond, store },
});
await store.usage(); // connected to Redis before the start, like a running service
await new Promise((resolve) => setTimeout(resolve, Math.max(0, settings.startAt - Date.now())));

const errors = [];
let done = 0;
let next = 0;
const loop = async () => {
  while (Date.now() < settings.endAt) {
    const call = next++;
    try {
      await gong.listAssignedFlows({ crmProspectsIds: [`p${settings.id}x${call}`] });
      done += 1;
    } catch (error) {
      errors.push({ name: error.name, message: error.message });
    }
  }
};
await Promise.all(Array.from({ length: settings.concurrency ?? 1 }, loop));
await store.close();
console.log(JSON.stringify({ id: settings.id, done, errors }));
