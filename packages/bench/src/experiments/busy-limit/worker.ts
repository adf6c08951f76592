/**
 * One process of the busy-machine benchmark, started by `busy-limit.ts`; argv[2] is its
 * {@link BusyWorkerPlan} as JSON. It calls `listAssignedFlows` through `@gong-flows/client` (its own
 * fetch, no warm-up: the first request opens a connection, as a starting service's does), with
 * `concurrency` calls in flight, from the common start until the end. Prints one JSON line:
 * {@link BusyWorkerReport}.
 */
import { createGongFlowsClient, createMemoryRateLimitStore, type RateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";

/** The stores the busy-machine benchmark holds to the limit. */
export type BusyArmId = "redis-store" | "memory-store";

export interface BusyWorkerPlan {
  arm: BusyArmId;
  id: number;
  requestsPerSecond: number;
  concurrency: number;
  redisUrl: string;
  key: string;
  serverUrl: string;
  /** Epoch ms at which every worker starts calling, and after which none starts a call. */
  startAt: number;
  endAt: number;
}

export interface BusyWorkerReport {
  sent: number;
  errors: string[];
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? "{}") as BusyWorkerPlan;
  const redis =
    plan.arm === "redis-store" ? createRedisRateLimitStore({ redis: plan.redisUrl, key: plan.key }) : undefined;
  const store: RateLimitStore = redis ?? createMemoryRateLimitStore();
  await redis?.usage(); // connected to Redis before the start, like a running service
  const gong = createGongFlowsClient({
    baseUrl: plan.serverUrl,
    auth: { bearerToken: "bench-token-not-a-secret" },
    rateLimit: { requestsPerSecond: plan.requestsPerSecond, store },
  });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, plan.startAt - Date.now())));
  let sent = 0;
  const errors: string[] = [];
  const lane = async (lane: number) => {
    for (let call = 0; Date.now() < plan.endAt; call++) {
      try {
        await gong.listAssignedFlows({ crmProspectsIds: [`p${plan.id}-${lane}-${call}`] });
        sent += 1;
      } catch (error) {
        errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, (_, i) => lane(i)));
  await redis?.close();
  const report: BusyWorkerReport = { sent, errors };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
