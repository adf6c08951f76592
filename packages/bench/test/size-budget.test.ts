import { beforeAll, describe, expect, it } from "vitest";
import {
  checkSizeBudget,
  measureSizes,
  readSizeBudget,
  type SizeComparison,
} from "../src/experiments/size/bundle-size.js";

// Bundles the built client (packages/client/dist, built before this package's tests by turbo's `^build`),
// exactly as `pnpm bench` measures it.
let sizes: SizeComparison;
beforeAll(async () => {
  sizes = await measureSizes();
});

describe("size budget", () => {
  it("the client's bundle stays within size-budget.json", () => {
    const verdict = checkSizeBudget(sizes, readSizeBudget());
    // The lines say what was measured and allowed: that is the failure message when the budget is exceeded.
    expect(verdict.ok, verdict.lines.join("\n")).toBe(true);
  });

  it("fails, saying by how much, when the bundle is over the budget", () => {
    const verdict = checkSizeBudget(sizes, { maxGzipBytes: sizes.client.gzipBytes - 1 });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toEqual([
      expect.stringMatching(/^OVER @gong-flows\/client bundle: \d+ B gzip, budget \d+ B \(over by 1 B\)$/),
    ]);
  });

  it("fails when the bundle is too far above openapi-fetch, if that limit is set", () => {
    const verdict = checkSizeBudget(sizes, {
      maxGzipBytes: sizes.client.gzipBytes,
      maxGzipBytesAboveOpenapiFetch: sizes.gzipBytesAboveOpenapiFetch - 10,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines[0]).toMatch(/^ok {3}/);
    expect(verdict.lines[1]).toMatch(/^OVER .*above openapi-fetch.*\(over by 10 B\)$/);
  });

  it("passes at exactly the budget", () => {
    expect(checkSizeBudget(sizes, { maxGzipBytes: sizes.client.gzipBytes }).ok).toBe(true);
  });

  it("measures real bundles: the client's contains openapi-fetch and the client's own code", () => {
    expect(sizes.client.inputs.map((input) => input.path)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("openapi-fetch/"),
        expect.stringContaining("packages/client/dist/"),
      ]),
    );
    expect(sizes.openapiFetch.gzipBytes).toBeGreaterThan(1_000);
    // Each source file of the client is priced in gzip bytes, the budget's unit.
    const retryLoop = sizes.clientBySource?.inputs.find((input) => input.path === "packages/client/src/retry-loop.ts");
    expect(retryLoop?.gzipBytes).toBeGreaterThan(100);
    expect(retryLoop?.gzipBytes).toBeLessThan(sizes.client.gzipBytes);
    expect(sizes.client.brotliBytes).toBeLessThan(sizes.client.gzipBytes);
    expect(sizes.client.gzipBytes).toBeLessThan(sizes.client.minifiedBytes);
  });
});
