import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultOptions, formatDuration, gongLimits } from "../src/index.js";
import { resolveOptions } from "../src/options.js";

const spec = parse(readFileSync(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"));

describe("Gong's limits and the client's defaults", () => {
  it("are what a client created with no options uses", () => {
    const resolved = resolveOptions({ fetch: async () => new Response() });
    expect(resolved).toMatchObject({
      requestsPerSecond: defaultOptions.requestsPerSecond,
      timeoutMs: defaultOptions.timeoutMs,
      maxRetries: defaultOptions.maxRetries,
      maxRetryAfterMs: defaultOptions.maxRetryAfterMs,
      listBatchSize: defaultOptions.listBatchSize,
      batchConcurrency: defaultOptions.batchConcurrency,
      retryDelay: defaultOptions.retryDelay,
    });
    expect(defaultOptions.requestsPerSecond).toBe(gongLimits.callsPerSecond);
  });

  it("say what the spec says of the ids one unassign request may carry", () => {
    const request = spec.components.schemas.UnassignFlowsByFlowInstanceIdsRequest;
    expect(request.properties.flowInstanceIds.maxItems).toBe(gongLimits.unassignIdsPerRequest);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(gongLimits)).toBe(true);
    expect(Object.isFrozen(defaultOptions)).toBe(true);
  });
});

describe("formatDuration", () => {
  it("words a wait, rounded up", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(-5)).toBe("0 s");
    expect(formatDuration(0.4)).toBe("1 ms");
    expect(formatDuration(450)).toBe("450 ms");
    expect(formatDuration(1_000)).toBe("1 s");
    expect(formatDuration(44_001)).toBe("45 s");
    expect(formatDuration(60_000)).toBe("1 min");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_599_001)).toBe("1 h");
    expect(formatDuration(14 * 3_600_000)).toBe("14 h");
    expect(formatDuration(5 * 3_600_000 + 2 * 60_000 + 1)).toBe("5 h 3 min");
  });
});
