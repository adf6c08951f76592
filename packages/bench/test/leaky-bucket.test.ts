import { describe, expect, it } from "vitest";
import { LeakyBucket } from "../src/leaky-bucket.js";

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe("LeakyBucket", () => {
  it("accepts up to its capacity at once, then refuses with a whole-second Retry-After", () => {
    const c = clock();
    const bucket = new LeakyBucket(20, 2, c.now);
    expect(bucket.take()).toEqual({ accepted: true });
    expect(bucket.take()).toEqual({ accepted: true });
    const refused = bucket.take();
    expect(refused.accepted).toBe(false);
    if (!refused.accepted) {
      expect(refused.retryAfterMs).toBeCloseTo(50);
      expect(refused.retryAfterSeconds).toBe(1);
    }
  });

  it("accepts a caller spaced at exactly the rate, indefinitely", () => {
    const c = clock();
    const bucket = new LeakyBucket(20, 2, c.now);
    for (let i = 0; i < 1_000; i++) {
      expect(bucket.take().accepted).toBe(true);
      c.advance(50);
    }
  });

  it("drains at its rate: room again after 1/rate seconds", () => {
    const c = clock();
    const bucket = new LeakyBucket(10, 1, c.now);
    expect(bucket.take().accepted).toBe(true);
    c.advance(99);
    expect(bucket.take().accepted).toBe(false);
    c.advance(1);
    expect(bucket.take().accepted).toBe(true);
  });

  it("rounds a long wait up to whole seconds", () => {
    const c = clock();
    const bucket = new LeakyBucket(1, 1, c.now);
    bucket.take();
    const refused = bucket.take();
    expect(refused).toMatchObject({ accepted: false, retryAfterSeconds: 1 });
    const slow = new LeakyBucket(0.4, 1, c.now);
    slow.take();
    expect(slow.take()).toMatchObject({ accepted: false, retryAfterSeconds: 3 });
  });

  it("rejects nonsense settings", () => {
    expect(() => new LeakyBucket(0, 1)).toThrow(RangeError);
    expect(() => new LeakyBucket(1, 0.5)).toThrow(RangeError);
  });
});
