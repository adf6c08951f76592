import { setTimeout as delay } from "node:timers/promises";

/** Spaces the starts of requests so that a live server's rate limit is respected, not tested. */
export interface Pacer {
  /** Resolves when the next request may start. */
  wait(): Promise<void>;
}

/**
 * A pacer that lets at most `requestsPerSecond` requests start per second, in call order; with
 * `undefined` it never waits (a local mock has no limit to respect).
 */
export function createPacer(requestsPerSecond: number | undefined): Pacer {
  if (requestsPerSecond === undefined) return { wait: async () => {} };
  const spacingMs = 1000 / requestsPerSecond;
  let nextStart = 0;
  return {
    async wait() {
      const now = Date.now();
      const start = Math.max(now, nextStart);
      nextStart = start + spacingMs;
      if (start > now) await delay(start - now);
    },
  };
}
