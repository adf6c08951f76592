/**
 * The mock's sense of time, injectable so that tests of rate limits, the daily quota and latency
 * need no wall-clock waits.
 */
export interface GongMockClock {
  /** Milliseconds since the Unix epoch (as `Date.now()`). */
  now(): number;
  /** Resolves after `ms` milliseconds (added latency). */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: GongMockClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
