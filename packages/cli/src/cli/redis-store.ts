import { UsageError } from "./exit-codes.js";

/** A shared rate-limit store for the client, and how to let go of its connection. */
export interface SharedRateLimit {
  readonly rateLimit: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The rate-limit store shared through Redis (`--redis`), from `@gong-flows/redis-rate-limit`: not
 * part of this version yet (it needs the client's pluggable rate-limit store). Until then `--redis`
 * and `GONG_FLOWS_REDIS_URL` are checked (no password in the flag) and then refused, rather than
 * ignored: a run that believes it shares the quota and does not is worse than one that stops.
 */
export async function createRateLimitStore(_url: string, _key: string): Promise<SharedRateLimit> {
  throw new UsageError(
    "--redis (or GONG_FLOWS_REDIS_URL) needs the shared rate-limit store of @gong-flows/redis-rate-limit, which this version of gong-flows does not include yet; unset it to run with the in-process limit",
  );
}
