// How a run finds its settings and its target (flags over variables over defaults), that every bad
// value is refused naming what to fix, and that credentials never leave the target.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/run/context.js";
import { targetOf } from "../../src/run/run-suite.js";
import { credentialsFromEnv, defaultSeed, resolveSettings, UsageError } from "../../src/run/settings.js";
import { madeUpCrmProspectId } from "../../src/run/target.js";
import { model } from "../support/model.js";

const live = {
  CONTRACT_TARGET: "live",
  GONG_ACCESS_KEY: "test-access-key",
  GONG_ACCESS_KEY_SECRET: "test-access-key-secret",
};
const liveTarget = (env: Record<string, string>) => targetOf(resolveSettings({}, env), env, model, undefined);

describe("resolveSettings", () => {
  it("targets Prism by default: every decision held, fixed seed, 100 runs, unpaced", () => {
    expect(resolveSettings({}, {})).toMatchObject({
      target: "prism",
      strict: false,
      numRuns: 100,
      seed: defaultSeed,
      requestsPerSecond: undefined,
      requestTimeoutMs: 10_000,
    });
    const target = targetOf(resolveSettings({}, {}), {}, model, "http://127.0.0.1:4010");
    expect(target.toJSON()).toMatchObject({
      kind: "prism",
      baseUrl: "http://127.0.0.1:4010",
      canForceResponses: true,
      allowWrites: true,
      strict: true,
    });
    expect(() => targetOf(resolveSettings({}, {}), {}, model, undefined)).toThrow(UsageError);
  });

  it("targets a live server read-only by default, with a made-up prospect, Gong's pace and Gong's rules", () => {
    expect(liveTarget(live).toJSON()).toMatchObject({
      kind: "live",
      baseUrl: "https://api.gong.io",
      canForceResponses: false,
      allowWrites: false,
      strict: false,
      crmProspectIds: [madeUpCrmProspectId],
      requestsPerSecond: 3,
      requestTimeoutMs: 30_000,
    });
  });

  it("takes the flow and owner of a live assign together, from flags or variables, and refuses half of it", () => {
    expect(liveTarget(live).assignment).toBeUndefined();
    const named = { CONTRACT_ASSIGN_FLOW_ID: "1695493301223590792", CONTRACT_ASSIGN_OWNER_EMAIL: "owner@example.com" };
    expect(liveTarget({ ...live, ...named }).assignment).toEqual({
      flowId: "1695493301223590792",
      ownerEmail: "owner@example.com",
    });
    expect(
      resolveSettings({ assignFlowId: "f1", assignOwnerEmail: "o@example.com" }, { ...live, ...named }).assignment,
    ).toEqual({ flowId: "f1", ownerEmail: "o@example.com" });
    expect(() => resolveSettings({ assignFlowId: "f1" }, live)).toThrow(
      /--assign-owner-email is not set: a live assign needs both the flow \(--assign-flow-id\) and its owner/,
    );
    expect(() => resolveSettings({}, { ...live, CONTRACT_ASSIGN_OWNER_EMAIL: "o@example.com" })).toThrow(
      /^--assign-flow-id is not set/,
    );
    expect(() => resolveSettings({}, { ...live, ...named, CONTRACT_ASSIGN_OWNER_EMAIL: "owner" })).toThrow(
      'CONTRACT_ASSIGN_OWNER_EMAIL must be an email address, got "owner"',
    );
    expect(() => resolveSettings({ assignFlowId: "f1", assignOwnerEmail: "o@example.com" }, {})).toThrow(
      "--assign-flow-id applies to --target live",
    );
  });

  it("reads every variable the mock's own CI sets (CONTRACT_STRICT among them)", () => {
    const env = {
      ...live,
      GONG_BASE_URL: "http://127.0.0.1:4010/",
      CONTRACT_ALLOW_WRITES: "1",
      CONTRACT_STRICT: "1",
      CONTRACT_CRM_PROSPECT_IDS: " a1, b2 ,",
      CONTRACT_REQUESTS_PER_SECOND: "0",
      CONTRACT_NUM_RUNS: "7",
      CONTRACT_SEED: "-5",
      CONTRACT_REQUEST_TIMEOUT_MS: "1500",
      CONTRACT_JUNIT: "out/contract.xml",
      CONTRACT_SPEC: "fork.yaml",
    };
    expect(resolveSettings({}, env)).toMatchObject({
      target: "live",
      baseUrl: "http://127.0.0.1:4010/",
      allowWrites: true,
      strict: true,
      crmProspectIds: ["a1", "b2"],
      requestsPerSecond: undefined,
      numRuns: 7,
      seed: -5,
      requestTimeoutMs: 1500,
      junitPath: "out/contract.xml",
      specPath: "fork.yaml",
    });
    // The client normalizes the base URL: no trailing slash.
    const ctx = createContext(model, liveTarget(env));
    expect(ctx.target.baseUrl).toBe("http://127.0.0.1:4010");
    expect(ctx.strict).toBe(true);
  });

  it("lets a flag win over its variable", () => {
    const settings = resolveSettings(
      { target: "live", rps: "1.5", numRuns: "3", strict: true, prospects: "x" },
      { ...live, CONTRACT_NUM_RUNS: "50", CONTRACT_STRICT: "0" },
    );
    expect(settings).toMatchObject({ requestsPerSecond: 1.5, numRuns: 3, strict: true, crmProspectIds: ["x"] });
    expect(settings.sources).toMatchObject({ numRuns: "--num-runs", strict: "--strict", target: "--target" });
  });

  it("refuses a bad value, naming the flag or the variable that gave it", () => {
    const refused = (flags: object, env: Record<string, string>) => {
      try {
        resolveSettings(flags, env);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused({}, { CONTRACT_TARGET: "mock" })).toMatch(/^CONTRACT_TARGET must be "prism" or "live"/);
    expect(refused({ numRuns: "0" }, {})).toMatch(/^--num-runs must be a whole number of at least 1/);
    expect(refused({}, { CONTRACT_NUM_RUNS: "ten" })).toMatch(/^CONTRACT_NUM_RUNS/);
    expect(refused({}, { CONTRACT_SEED: "2147483648" })).toMatch(/^CONTRACT_SEED must be a whole number from/);
    expect(refused({ rps: "-1" }, {})).toMatch(/^--rps/);
    expect(refused({}, { CONTRACT_STRICT: "yes" })).toMatch(/^CONTRACT_STRICT must be 1 \(on\) or 0 \(off\)/);
    expect(refused({}, { CONTRACT_ALLOW_WRITES: "true" })).toMatch(/^CONTRACT_ALLOW_WRITES/);
    expect(refused({ prospects: " , " }, {})).toMatch(/^--prospects must list/);
    expect(refused({ baseUrl: "http://127.0.0.1:1" }, {})).toMatch(/^--base-url applies to --target live/);
  });

  it("takes credentials from the environment only, one kind at a time", () => {
    expect(credentialsFromEnv({ GONG_BEARER_TOKEN: "test-bearer-token" })).toEqual({
      bearerToken: "test-bearer-token",
    });
    expect(() => credentialsFromEnv({})).toThrow(/GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN/);
    expect(() => credentialsFromEnv({ GONG_ACCESS_KEY: "k" })).toThrow(/GONG_ACCESS_KEY_SECRET is not set/);
    expect(() => credentialsFromEnv({ ...live, GONG_BEARER_TOKEN: "t" })).toThrow(/set one kind/);
    const bearer = liveTarget({ CONTRACT_TARGET: "live", GONG_BEARER_TOKEN: "test-bearer-token" });
    expect(bearer.authorization()).toBe("Bearer test-bearer-token");
  });

  it("leaves the base URL to the client's rules: https:, http: only on a loopback host", () => {
    for (const url of [
      "http://127.0.0.1:8080",
      "http://localhost:3000/base",
      "http://[::1]:9000",
      "https://eu.example.com",
    ]) {
      expect(() => createContext(model, liveTarget({ ...live, GONG_BASE_URL: url })), url).not.toThrow();
    }
    for (const url of [
      "http://api.gong.io",
      "http://10.0.0.5",
      "ftp://127.0.0.1",
      "https://user:pw@api.gong.io",
      "not a url",
    ]) {
      expect(() => createContext(model, liveTarget({ ...live, GONG_BASE_URL: url })), url).toThrow(UsageError);
    }
    try {
      createContext(model, liveTarget({ ...live, GONG_BASE_URL: "https://user:secret-in-url@api.gong.io" }));
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-in-url");
    }
  });

  it("never shows the credentials: not in JSON, not when inspected, and redacted from any text", () => {
    const target = liveTarget(live);
    const encoded = Buffer.from("test-access-key:test-access-key-secret").toString("base64");
    expect(target.authorization()).toBe(`Basic ${encoded}`);
    for (const shown of [JSON.stringify(target), inspect(target, { depth: 5 }), String(target)]) {
      expect(shown).not.toContain("test-access-key-secret");
      expect(shown).not.toContain(encoded);
    }
    expect(target.redact(`sent Basic ${encoded} and test-access-key-secret, or ${encoded} alone`)).toBe(
      "sent [REDACTED] and [REDACTED], or [REDACTED] alone",
    );
  });
});
