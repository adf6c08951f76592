// Types of what this client adds: open enums, the unconfirmed outcome, the rate-limit store, answer
// checks, refreshable tokens and per-call headers. (types.test-d.ts holds the types derived from the spec.)
import { describe, expectTypeOf, it } from "vitest";
import {
  type AssignedFlow,
  type components,
  createGongFlowsClient,
  createMemoryRateLimitStore,
  type MemoryRateLimitStoreOptions,
  rateLimitDefaults,
  type FlowInstanceStatus,
  type GongApiError,
  type GongBatchError,
  type GongError,
  type GongFlowsClientOptions,
  type GongLogger,
  type GongRateLimitError,
  type GongResponseValidationError,
  type GongValidationIssue,
  RateLimitRefusal,
  type RateLimitStore,
  type RateLimitTurn,
  type RequestOptions,
  type UnassignByCrmProspectIdResult,
  type UnassignByFlowInstanceIdsResult,
} from "../src/index.js";

const gong = createGongFlowsClient({ auth: { bearerToken: "t" } });

describe("open enums", () => {
  it("offer the documented statuses and admit the ones Gong adds", () => {
    expectTypeOf<"Running" | "Pending" | "Paused">().toExtend<FlowInstanceStatus>();
    expectTypeOf<"Finished" | "FinishedNoReply" | "FinishedResponse">().toExtend<FlowInstanceStatus>();
    expectTypeOf<"SomeStatusGongAddsLater">().toExtend<FlowInstanceStatus>();
    expectTypeOf<FlowInstanceStatus>().toExtend<string>();
    expectTypeOf<number>().not.toExtend<FlowInstanceStatus>();
  });

  it("stay the spec as written in the raw types, which the named types widen", async () => {
    expectTypeOf<components["schemas"]["FlowInstanceStatus"]>().toEqualTypeOf<
      "Running" | "Pending" | "Paused" | "Finished" | "FinishedNoReply" | "FinishedResponse"
    >();
    expectTypeOf<components["schemas"]["FlowInstanceStatus"]>().toExtend<FlowInstanceStatus>();
    const { data } = await gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } });
    // A raw answer's flow is an AssignedFlow.
    expectTypeOf<NonNullable<NonNullable<typeof data>["prospectsAssigned"]>[number]>().toExtend<AssignedFlow>();
  });

  it("come open from the methods", async () => {
    const { flows } = await gong.listAssignedFlows({ crmProspectsIds: ["a"] });
    expectTypeOf(flows[0]?.flowInstanceStatus).toEqualTypeOf<FlowInstanceStatus | undefined>();
  });
});

describe("results", () => {
  it("say which unassigns are unconfirmed", () => {
    expectTypeOf<UnassignByFlowInstanceIdsResult["unconfirmedFlowInstanceIds"]>().toEqualTypeOf<string[]>();
    expectTypeOf<UnassignByCrmProspectIdResult["unconfirmed"]>().toEqualTypeOf<true | undefined>();
    expectTypeOf<GongBatchError["unconfirmedFlowInstanceIds"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<GongBatchError["outcomeUnknownIds"]>().toEqualTypeOf<readonly string[]>();
  });
});

describe("errors", () => {
  it("type a refused answer apart from HTTP errors", () => {
    expectTypeOf<GongResponseValidationError>().toExtend<GongError>();
    expectTypeOf<GongResponseValidationError>().not.toExtend<GongApiError>();
    expectTypeOf<GongResponseValidationError["issues"]>().toEqualTypeOf<readonly GongValidationIssue[]>();
    expectTypeOf<GongResponseValidationError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<GongResponseValidationError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GongRateLimitError["refusal"]>().toEqualTypeOf<"hold" | "daily-quota" | undefined>();
  });
});

describe("the rate-limit store", () => {
  it("has the shape other stores implement", () => {
    expectTypeOf<RateLimitTurn>().toEqualTypeOf<{
      readonly requestsPerSecond: number | undefined;
      readonly maxWaitMs: number;
      readonly signal?: AbortSignal | undefined;
      readonly newConnection?: boolean | undefined;
    }>();
    expectTypeOf<RateLimitStore["acquire"]>().toEqualTypeOf<(turn: RateLimitTurn) => Promise<number>>();
    expectTypeOf<RateLimitStore["hold"]>().toEqualTypeOf<(ms: number) => void | Promise<void>>();
    expectTypeOf(createMemoryRateLimitStore).toEqualTypeOf<(options?: MemoryRateLimitStoreOptions) => RateLimitStore>();
    expectTypeOf<MemoryRateLimitStoreOptions>().toEqualTypeOf<{ departureSlackMs?: number | undefined }>();
    expectTypeOf(rateLimitDefaults.departureSlackMs).toEqualTypeOf<75>();
    expectTypeOf(RateLimitRefusal).constructorParameters.toEqualTypeOf<
      [retryAfterMs: number, reason: "hold" | "daily-quota", message?: string | undefined]
    >();
    expectTypeOf<RateLimitRefusal>().toExtend<Error>();
    expectTypeOf<RateLimitRefusal["retryAfterMs"]>().toEqualTypeOf<number>();
    expectTypeOf<RateLimitRefusal["reason"]>().toEqualTypeOf<"hold" | "daily-quota">();
  });

  it("is an option of rateLimit, and an async store fits", () => {
    expectTypeOf<GongFlowsClientOptions["rateLimit"]>().toEqualTypeOf<
      { requestsPerSecond: number; store?: RateLimitStore | undefined } | false | undefined
    >();
    const asyncStore: RateLimitStore = { acquire: async () => 0, hold: async () => {} };
    createGongFlowsClient({ auth: { bearerToken: "t" }, rateLimit: { requestsPerSecond: 3, store: asyncStore } });
  });
});

describe("options", () => {
  it("take a token function, sync or async", () => {
    createGongFlowsClient({ auth: { bearerToken: () => "t" } });
    createGongFlowsClient({ auth: { bearerToken: async ({ refresh }) => (refresh ? "fresh" : "cached") } });
    // @ts-expect-error a token function returns the token, not an object
    createGongFlowsClient({ auth: { bearerToken: () => ({ token: "t" }) } });
  });

  it("take per-call headers, and a logger that may be async", () => {
    expectTypeOf<RequestOptions["headers"]>().toEqualTypeOf<Record<string, string> | undefined>();
    const logger: GongLogger = async () => {};
    void logger;
  });
});
