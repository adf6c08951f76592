import type { CallTarget } from "../call.js";
import { checkCallHeaders } from "../headers.js";
import { checkRequestOptions, type ResolvedOptions } from "../options.js";
import type { Get, Post } from "../transport.js";
import type { OperationName, RequestOptions } from "../types.js";
import { assertValidParameters, assertValidRequestBody, jsonCopy, type LiftedRule } from "../validate.js";

/** The caller's per-call settings, as every request of a call carries them. */
export type CallSettings = Omit<CallTarget, "operation" | "method" | "path">;

/** What every operation of a client is built from: one module per operation takes this and returns its method. */
export interface OperationContext {
  /** Sends one body to one operation and returns Gong's checked 200 response, or throws. */
  readonly post: Post;
  /** Sends one GET with its parameters and returns Gong's checked 200 response, or throws. */
  readonly get: Get;
  /** The client's resolved options (batch sizes, concurrency, …). */
  readonly options: ResolvedOptions;
}

/**
 * A call's options and input, checked before anything is sent: its settings, and the input as JSON
 * carries it (`input`, and its `text`, the bytes a request of every id sends).
 */
export function checkCall<I>(operation: OperationName, rawInput: I, options: RequestOptions, lifted?: LiftedRule[]) {
  const settings = checkSettings(options);
  const { value: input, text } = jsonCopy(operation, rawInput);
  assertValidRequestBody(operation, input, lifted);
  return { settings, input, text };
}

/** A GET call's options and parameters (path and query, as one object), checked before anything is sent. */
export function checkParameters<I>(operation: OperationName, rawParams: I, options: RequestOptions) {
  const settings = checkSettings(options);
  const params = jsonCopy(operation, rawParams).value;
  assertValidParameters(operation, params);
  return { settings, params };
}

/** The caller's per-call options, checked. */
function checkSettings(options: RequestOptions): CallSettings {
  checkRequestOptions(options);
  const { signal, timeoutMs, maxRetries, onAttempt } = options;
  return { signal, timeoutMs, maxRetries, headers: checkCallHeaders(options.headers), onAttempt };
}
