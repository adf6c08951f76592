// One process calling Gong through @gong-flows/client with a Redis store, as the README's worker does
// (no warm-up: its first request opens a new connection). Started by `runBusyWorkers` in processes.ts;
// argv[2] is its settings as JSON: id, redisUrl, key, serverUrl, requestsPerSecond, concurrency
// (calls in flight at once), startAfterMs and endAfterMs (after the common start: it calls without pause
// in between), startFile (where the common start, epoch ms, appears once every worker printed `ready`).
// Prints one JSON line at the end: { id, done, errors: [{ name, message }] }.
import { readFile } from "node:fs/promises";
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
process.stdout.write("ready\n");
let start = Number.NaN;
while (Number.isNaN(start)) {
  start = Number(await readFile(settings.startFile, "utf8").catch(() => Number.NaN));
  if (Number.isNaN(start)) await new Promise((resolve) => setTimeout(resolve, 10));
}
const startAt = start + settings.startAfterMs;
const endAt = start + settings.endAfterMs;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

const errors = [];
let done = 0;
let next = 0;
const loop = async () => {
  while (Date.now() < endAt) {
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
