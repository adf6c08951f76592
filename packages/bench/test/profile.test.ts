import { describe, expect, it } from "vitest";
import { summarizeProfiles } from "../src/experiments/profile/measure.js";

describe("summarizeProfiles", () => {
  it("sums self time per function and per code group over several profiles, per call, leaving idle time out", () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(idle)", "") },
        { id: 2, callFrame: frame("validate", "file:///repo/packages/client/dist/index.js", 9) },
        {
          id: 3,
          callFrame: frame(
            "coreFetch",
            "file:///repo/node_modules/.pnpm/x/node_modules/openapi-fetch/dist/index.mjs",
            41,
          ),
        },
        { id: 4, callFrame: frame("(garbage collector)", "") },
      ],
      samples: [1, 2, 2, 3, 4, 1],
      timeDeltas: [1_000, 100, 100, 50, 30, 1_000],
    };
    const summary = summarizeProfiles("client", [profile, profile], 5);
    expect(summary.calls).toBe(10);
    expect(summary.busyMicrosPerCall).toBe(56);
    expect(summary.byGroup).toEqual([
      { name: "@gong-flows/client", selfMicrosPerCall: 40, share: 200 / 280 },
      { name: "openapi-fetch", selfMicrosPerCall: 10, share: 50 / 280 },
      { name: "garbage collector", selfMicrosPerCall: 6, share: 30 / 280 },
    ]);
    expect(summary.topFunctions[0]?.name).toBe("validate (packages/client/dist/index.js:10)");
  });
});
