import { createGongFlowsClient, type GongFlowsClientOptions, type GongLogEvent } from "../../src/index.js";

/** Obviously fake credentials; the tests check that none of them ever leaks. */
export const accessKey = "test-access-key";
export const accessKeySecret = "test-secret-DO-NOT-LEAK";
export const bearerToken = "test-bearer-token-DO-NOT-LEAK";

/**
 * A client for a local test server: fast retries, no rate limit unless the test asks for one, and a
 * log of every event it emits.
 */
export function testClient(baseUrl: string, options: GongFlowsClientOptions = {}) {
  const events: GongLogEvent[] = [];
  const gong = createGongFlowsClient({
    baseUrl,
    auth: { accessKey, accessKeySecret },
    rateLimit: false,
    retryDelay: { initialMs: 5, maxMs: 20 },
    logger: (event) => events.push(event),
    ...options,
  });
  return { gong, events };
}

/** Runs a promise expected to reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
