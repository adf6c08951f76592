import type { GongFlowsClient } from "@gong-flows/client";
import { parseJson, type RecordedExchange } from "../http/exchange.js";

/** What the suite knows of one operation beyond the spec: how the client calls it and what it returns. */
export interface OperationContract {
  /** Calls the operation through @gong-flows/client with an input of the request schema's shape. */
  call(client: GongFlowsClient, input: unknown): Promise<unknown>;
  /** The result the client documents for these 2xx exchanges, computed from what was sent and received. */
  expectedResult(exchanges: readonly RecordedExchange[]): unknown;
  /** Request-schema keywords the client handles itself (an input breaking them is valid for it), with why. */
  readonly clientHandledKeywords?: readonly { keyword: string; why: string }[];
  /** How many forms of a request body with several the method takes, from the first; default 1. */
  readonly forms?: number;
}

/** The JSON object of each exchange's response body (`{}` when it is not one). */
export function responseBodies(exchanges: readonly RecordedExchange[]): Record<string, unknown>[] {
  return exchanges.map((e) => (parseJson(e.response?.bodyText) ?? {}) as Record<string, unknown>);
}

/** The `requestId` of each response that has one, in order. */
export function requestIdsOf(bodies: readonly Record<string, unknown>[]): string[] {
  return bodies.map((b) => b["requestId"]).filter((id): id is string => typeof id === "string");
}
