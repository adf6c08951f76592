// Targets for the self-tests: a local server on 127.0.0.1 with obviously fake credentials.
import { ContractTarget, type TargetSettings } from "../../src/target.js";

/** The fake secret the self-tests use; a report that contains it has leaked a credential. */
export const fakeSecret = "test-access-key-secret";

/** A target for a local server, able to force responses (`Prefer: code=…`) like Prism. */
export function localTarget(baseUrl: string, settings: Partial<TargetSettings> = {}): ContractTarget {
  return new ContractTarget(
    {
      kind: "prism",
      baseUrl,
      canForceResponses: true,
      allowWrites: true,
      crmProspectIds: ["gong-flows-contract-test-made-up-prospect"],
      requestsPerSecond: undefined,
      numRuns: 100,
      seed: 1,
      requestTimeoutMs: 5_000,
      ...settings,
    },
    { accessKey: "test-access-key", accessKeySecret: fakeSecret },
  );
}
