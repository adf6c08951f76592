import {
  createGongFlowsClient,
  type GongFlowsClient,
  type GongFlowsClientOptions,
  type GongLogEvent,
} from "@gong-flows/client";

/** Creates the job's client: the caller's options, with a logger that also tells the job of the client's events (rate-limit holds, requests). */
export function createJobClient(
  options: GongFlowsClientOptions,
  onEvent: (event: GongLogEvent) => void,
): GongFlowsClient {
  // Node loads its fetch on first use: touched here, so that the first request does not leave late.
  void globalThis.fetch;
  const userLogger = options.logger;
  return createGongFlowsClient({
    ...options,
    logger: (event) => {
      onEvent(event);
      userLogger?.(event);
    },
  });
}
