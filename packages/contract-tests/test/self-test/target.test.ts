// How a run finds its target, and that credentials never leave it.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { madeUpCrmProspectId, targetFromEnv, TargetConfigurationError } from "../../src/target.js";

const defaults = { defaultLiveBaseUrl: "https://api.gong.io" };
const live = { CONTRACT_TARGET: "live", GONG_ACCESS_KEY: "test-access-key", GONG_ACCESS_KEY_SECRET: "test-access-key-secret" };

describe("targetFromEnv", () => {
  it("targets the run's Prism by default, with fake credentials and every operation", () => {
    const target = targetFromEnv({}, { ...defaults, prismUrl: "http://127.0.0.1:4010" });
    expect(target.toJSON()).toMatchObject({ kind: "prism", baseUrl: "http://127.0.0.1:4010", canForceResponses: true, allowWrites: true, numRuns: 100 });
    expect(() => targetFromEnv({}, defaults)).toThrow(TargetConfigurationError);
  });

  it("targets a live server read-only by default, with a made-up prospect and Gong's pace", () => {
    const target = targetFromEnv(live, defaults);
    expect(target.toJSON()).toMatchObject({
      kind: "live",
      baseUrl: "https://api.gong.io",
      canForceResponses: false,
      allowWrites: false,
      crmProspectIds: [madeUpCrmProspectId],
      requestsPerSecond: 3,
    });
    const configured = targetFromEnv(
      { ...live, GONG_BASE_URL: "https://eu.example.com/", CONTRACT_CRM_PROSPECT_IDS: " a1, b2 ,", CONTRACT_ALLOW_WRITES: "1", CONTRACT_REQUESTS_PER_SECOND: "0" },
      defaults,
    );
    expect(configured.toJSON()).toMatchObject({ baseUrl: "https://eu.example.com", crmProspectIds: ["a1", "b2"], allowWrites: true, requestsPerSecond: undefined });
    expect(targetFromEnv({ ...live, CONTRACT_ALLOW_WRITES: "true" }, defaults).allowWrites).toBe(false);
  });

  it("takes a bearer token instead of an access key", () => {
    const target = targetFromEnv({ CONTRACT_TARGET: "live", GONG_BEARER_TOKEN: "test-bearer-token" }, defaults);
    expect(target.authorization()).toBe("Bearer test-bearer-token");
    expect(target.clientAuth()).toEqual({ bearerToken: "test-bearer-token" });
  });

  it("names the variables to set when credentials are missing or half given", () => {
    expect(() => targetFromEnv({ CONTRACT_TARGET: "live" }, defaults)).toThrow(/GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN/);
    expect(() => targetFromEnv({ CONTRACT_TARGET: "live", GONG_ACCESS_KEY: "k" }, defaults)).toThrow(/set both/);
    expect(() => targetFromEnv({ CONTRACT_TARGET: "mock" }, defaults)).toThrow(/"prism" or "live"/);
    expect(() => targetFromEnv({ ...live, CONTRACT_NUM_RUNS: "0" }, defaults)).toThrow(/CONTRACT_NUM_RUNS/);
  });

  it("accepts http only on a loopback host, so credentials never travel in clear text", () => {
    for (const url of ["http://127.0.0.1:8080", "http://localhost:3000/base", "http://[::1]:9000"]) {
      expect(() => targetFromEnv({ ...live, GONG_BASE_URL: url }, defaults)).not.toThrow();
    }
    for (const url of ["http://api.gong.io", "http://10.0.0.5", "ftp://127.0.0.1", "https://user:pw@api.gong.io", "not a url"]) {
      expect(() => targetFromEnv({ ...live, GONG_BASE_URL: url }, defaults), url).toThrow(TargetConfigurationError);
    }
  });

  it("never shows the credentials: not in JSON, not when inspected, and redacted from any text", () => {
    const target = targetFromEnv(live, defaults);
    const encoded = Buffer.from("test-access-key:test-access-key-secret").toString("base64");
    expect(target.authorization()).toBe(`Basic ${encoded}`);
    for (const shown of [JSON.stringify(target), inspect(target, { depth: 5 }), String(target)]) {
      expect(shown).not.toContain("test-access-key-secret");
      expect(shown).not.toContain(encoded);
    }
    expect(target.redact(`sent Basic ${encoded} and test-access-key-secret`)).toBe("sent Basic [redacted] and [redacted]");
  });
});
