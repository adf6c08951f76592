import type { CallTarget } from "../call.js";
import { checkCallHeaders } from "../headers.js";
import { checkRequestOptions, type ResolvedOptions } from "../options.js";
import type { Post } from "../transport.js";
import type { RequestOptions } from "../types.js";

/** The caller's per-call settings, as every request of a call carries them. */
export type CallSettings = Omit<CallTarget, "operation" | "method" | "path">;

/** What every operation of a client is built from: one module per operation takes this and returns its method. */
export interface OperationContext {
  /** Sends one body to one operation and returns Gong's checked 200 response, or throws. */
  readonly post: Post;
  /** The client's resolved options (batch sizes, concurrency, …). */
  readonly options: ResolvedOptions;
}

/** The caller's per-call options, checked before anything else happens. */
export function callSettings(options: RequestOptions): CallSettings {
  checkRequestOptions(options);
  const { signal, timeoutMs, maxRetries, onAttempt } = options;
  return { signal, timeoutMs, maxRetries, headers: checkCallHeaders(options.headers), onAttempt };
}
