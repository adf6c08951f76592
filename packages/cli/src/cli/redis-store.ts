import { UsageError } from "./exit-codes.js";

/** A shared rate-limit store for the client, and how to let go of its connection. */
export interface SharedRateLimit {
  readonly rateLimit: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The rate-limit store shared through Redis (`--redis`), from `@gong-flows/redis-rate-limit`.
 */
export async function createRateLimitStore(_url: string, _key: string): Promise<SharedRateLimit> {
  throw new UsageError("--redis is not available in this build");
}
