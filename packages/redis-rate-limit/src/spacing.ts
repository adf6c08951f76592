import type { RateLimitTurn } from "@gong-flows/client";

/** The most microseconds handed to the scripts: 31 years (the scripts' numbers stay exact below 2^53). */
const maxUs = 1e15;

export function toMicros(ms: number): number {
  return Math.min(Math.ceil(ms * 1000), maxUs);
}

/** What the grant and confirm scripts space a request by, in microseconds. */
export interface RequestSpacing {
  readonly intervalUs: number;
  readonly maxWaitUs: number;
  /** The time from Redis's "go" to the wire that the request's booking keeps free. */
  readonly budgetUs: number;
  /** Kept free longer still for a request that may open a new connection. */
  readonly extraUs: number;
  /** Half of the budget, in ms: a "go" older than this on arrival is asked again. */
  readonly freshForMs: number;
}

/**
 * Checks what the client asks with and turns it into the scripts' microseconds. Of the departure slack,
 * a request may wake up to 5 ms late and keep its booking's bound (see docs/design/redis-shared-rate-limit.md).
 */
export function requestSpacing(
  turn: RateLimitTurn,
  slack: { departureSlackMs: number; newConnectionSlackMs: number },
): RequestSpacing {
  const { requestsPerSecond: rps, maxWaitMs } = turn;
  if (rps !== undefined && (typeof rps !== "number" || !Number.isFinite(rps) || rps <= 0)) {
    throw new RangeError(`requestsPerSecond must be a positive number or undefined; got ${String(rps)}`);
  }
  if (typeof maxWaitMs !== "number" || Number.isNaN(maxWaitMs) || maxWaitMs < 0) {
    throw new RangeError(`maxWaitMs must be a number of milliseconds, 0 or more; got ${String(maxWaitMs)}`);
  }
  const wakeToleranceMs = Math.min(5, slack.departureSlackMs / 5);
  const budgetMs = slack.departureSlackMs - wakeToleranceMs;
  return {
    // Rounded up: a slot a fraction of a microsecond too early is still too early.
    intervalUs: rps === undefined ? 0 : Math.ceil(((1000 + slack.departureSlackMs) * 1000) / rps),
    maxWaitUs: toMicros(maxWaitMs),
    budgetUs: Math.round(budgetMs * 1000),
    extraUs: turn.newConnection === true ? Math.round(slack.newConnectionSlackMs * 1000) : 0,
    freshForMs: budgetMs / 2,
  };
}
