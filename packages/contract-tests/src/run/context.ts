import { GongConfigurationError } from "@gong-flows/client";
import { operationContract } from "../operations/index.js";
import { pathTemplateMatcher } from "../http/path-template.js";
import { createTransport, type Transport, type TransportOptions } from "../http/transport.js";
import type { ContractModel } from "../spec/model.js";
import { isReadOperation, type OperationSpec } from "@gong-flows/spec-reader";
import { UsageError } from "./settings.js";
import type { ContractTarget } from "./target.js";

/** Everything a check needs, passed as one object: the spec's model, the target, the way to reach it. */
export interface ContractContext {
  readonly model: ContractModel;
  readonly target: ContractTarget;
  readonly transport: Transport;
  /** Whether the project's decisions bind the target (see {@link ContractTarget.strict}). */
  readonly strict: boolean;
  /**
   * The operations of the spec this run may call (checks 2 to 4 send them requests of their own): all
   * of them, or only the reads on a live target without writes.
   */
  readonly callableOperations: readonly OperationSpec[];
  /** The callable operations @gong-flows/client has a method for: what check 5 holds the client to. */
  readonly clientOperations: readonly OperationSpec[];
  /**
   * Operations of the spec @gong-flows/client has no method for: check 5 reports each as a skipped
   * case that says so (checks 2 to 4 still cover them).
   */
  readonly uncoveredOperations: readonly OperationSpec[];
  /**
   * The operations that get generated inputs (checks 4 and 5): all of them on Prism; only the reads on
   * a live server, where writes run on the flow instances a list call returned (the live-writes check)
   * and never on generated ids.
   */
  readonly generatedInputOperations: readonly OperationSpec[];
  /** fast-check settings of every property-based check: fixed seed, so that a failure replays exactly. */
  readonly propertySettings: { readonly numRuns: number; readonly seed: number };
}

/** Options of {@link createContext}. */
export interface ContextOptions {
  /** Self-tests only: a transport that rewrites what the client sends (see {@link TransportOptions.tamper}). */
  tamper?: TransportOptions["tamper"];
}

/**
 * Builds the context of a run. The transport's client checks the base URL and the credentials the
 * way it does for its users.
 *
 * @throws {@link UsageError} when the client refuses the configuration.
 */
export function createContext(
  model: ContractModel,
  target: ContractTarget,
  options: ContextOptions = {},
): ContractContext {
  const covered = (operation: OperationSpec) => operationContract(operation.operationId) !== undefined;
  const uncoveredOperations = model.operations.filter((operation) => !covered(operation));
  const callableOperations = model.operations.filter((operation) => target.allowWrites || isReadOperation(operation));
  const isCallablePath = pathTemplateMatcher(callableOperations.map((operation) => operation.path));
  const basePath = new URL(target.baseUrl).pathname.replace(/\/+$/, "");
  let transport: Transport;
  try {
    transport = createTransport({
      baseUrl: target.baseUrl,
      auth: target.clientAuth(),
      timeoutMs: target.requestTimeoutMs,
      requestsPerSecond: target.requestsPerSecond,
      // Only the operations this run may call reach the server; anything else is stopped before it leaves.
      mayForward: (url) => url.pathname.startsWith(basePath) && isCallablePath(url.pathname.slice(basePath.length)),
      tamper: options.tamper,
    });
  } catch (error) {
    if (!(error instanceof GongConfigurationError)) throw error;
    const what = /baseUrl/.test(error.message)
      ? "the base URL (--base-url, GONG_BASE_URL)"
      : "the credentials (GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET, GONG_BEARER_TOKEN)";
    throw new UsageError(`@gong-flows/client refuses ${what}: ${target.redact(error.message)}`);
  }
  const normalized = transport.baseUrl === target.baseUrl ? target : target.withBaseUrl(transport.baseUrl);
  return {
    model,
    target: normalized,
    transport,
    strict: target.strict,
    callableOperations,
    clientOperations: callableOperations.filter(covered),
    uncoveredOperations,
    generatedInputOperations: callableOperations.filter(
      (operation) => target.kind === "prism" || isReadOperation(operation),
    ),
    propertySettings: { numRuns: target.numRuns, seed: target.seed },
  };
}
