import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  decideRetry,
  defaultRetryDelay,
  isRetryableStatus,
  parseRetryAfterMs,
} from "../src/retry-policy.js";

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  it.each([
    ["0", 0],
    ["3", 3_000],
    [" 12 ", 12_000],
    ["1.5", 1_500],
    ["Sun, 22 Nov 2026 10:00:30 GMT", 30_000],
    ["Sun, 22 Nov 2026 09:59:00 GMT", 0],
  ])("reads %j as %i ms", (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it.each([null, undefined, "", "soon", "-1", "1e3", "NaN", "1,5"])("gives up on %j", (value) => {
    expect(parseRetryAfterMs(value, now)).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially up to the cap, with full jitter", () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, defaultRetryDelay, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(backoffDelayMs(3, defaultRetryDelay, () => 0)).toBe(0);
    expect(backoffDelayMs(2, defaultRetryDelay, () => 0.5)).toBe(1_000);
  });
});

describe("isRetryableStatus", () => {
  it("retries 429 and 500/502/503/504 only", () => {
    const retried = Array.from({ length: 500 }, (_, i) => i + 100).filter(isRetryableStatus);
    expect(retried).toEqual([429, 500, 502, 503, 504]);
  });
});

describe("decideRetry", () => {
  const state = { retries: 0, maxRetries: 2, maxRetryAfterMs: 60_000, canRefreshToken: false };
  const spent = { ...state, retries: 2 };

  it.each([
    [{ status: 200 }, state, "end"],
    [{ status: 400 }, state, "end"],
    [{ status: 401 }, state, "end"],
    [{ status: 401 }, { ...state, canRefreshToken: true }, "refresh-token"],
    [{ status: 404 }, state, "end"],
    [{ status: 501 }, state, "end"],
    [{ status: 500 }, state, "backoff"],
    [{ status: 503 }, state, "backoff"],
    [{ status: 503 }, spent, "end"],
    [{ status: undefined }, state, "backoff"],
    [{ status: undefined }, spent, "end"],
    [{ status: 429 }, state, "hold"],
    [{ status: 429, retryAfterMs: 60_000 }, state, "hold"],
    [{ status: 429, retryAfterMs: 60_001 }, state, "hold-then-end"],
    [{ status: 429 }, spent, "hold-then-end"],
  ] as const)("%o with %o: %s", (end, at, decision) => {
    expect(decideRetry(end, at)).toBe(decision);
  });
});
