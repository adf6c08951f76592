// worker.mjs — one of many processes sharing one Gong quota through Redis. Run as many copies as you
// like: node worker.mjs [crm-prospect-id]. See the README's "Many workers, one quota".
import { createGongFlowsClient } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";

const store = createRedisRateLimitStore({
  redis: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", // or an ioredis client you already have
  key: "gong-flows:acme", // one key per Gong company: every process spending that quota uses it
  dailyQuota: 10_000, // optional: Gong's default daily limit, counted across processes
});

const gong = createGongFlowsClient({
  // GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET (or GONG_BEARER_TOKEN) and GONG_BASE_URL from the environment
  rateLimit: { requestsPerSecond: 3, store },
});

try {
  const { flows } = await gong.listAssignedFlows({ crmProspectsIds: [process.argv[2] ?? "0013t00002ABCDEF"] });
  console.log(`${process.pid}: ${flows.length} flows`);
} finally {
  await store.close(); // closes the connection the store opened
}
