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
  /**
   * Parameters whose valid values only an earlier answer gives (a page's `cursor`): generated on
   * Prism alone, which keeps no state; left out of generated inputs on any other server.
   */
  readonly fromAnswers?: readonly string[];
  /**
   * For a paged list: the client's pages, one after the other, following the cursor each answer
   * gives (`records.cursor`, sent back as the `cursor` parameter).
   */
  pages?(client: GongFlowsClient, input: unknown): AsyncIterable<unknown>;
  /** How many forms of a request body with several the method takes, from the first; default 1. */
  readonly forms?: number;
  /**
   * Why the client refuses these 2xx answers with a `GongResponseValidationError` although each
   * conforms to the spec (an answer about prospects that were not asked for cannot be matched to the
   * request); undefined when it must return a result.
   */
  refusedAnswer?(exchanges: readonly RecordedExchange[]): string | undefined;
}

/** The JSON object of each exchange's response body (`{}` when it is not one). */
export function responseBodies(exchanges: readonly RecordedExchange[]): Record<string, unknown>[] {
  return exchanges.map((e) => (parseJson(e.response?.bodyText) ?? {}) as Record<string, unknown>);
}

/** The `requestId` of each response that has one, in order. */
export function requestIdsOf(bodies: readonly Record<string, unknown>[]): string[] {
  return bodies.map((b) => b["requestId"]).filter((id): id is string => typeof id === "string");
}

/** The JSON object of each exchange's request body (`{}` when it is not one). */
export function requestBodies(exchanges: readonly RecordedExchange[]): Record<string, unknown>[] {
  return exchanges.map((e) => (parseJson(e.bodyText) ?? {}) as Record<string, unknown>);
}

/** The strings of an array property of a JSON object, or none. */
export function stringsAt(body: Record<string, unknown> | undefined, property: string): string[] {
  const value = body?.[property];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The objects of an array property of a JSON object, or none. */
export function objectsAt(body: Record<string, unknown> | undefined, property: string): Record<string, unknown>[] {
  const value = body?.[property];
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v))
    : [];
}
