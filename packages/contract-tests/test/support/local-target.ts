// Targets for the self-tests: a local server on 127.0.0.1 with the suite's obviously fake credentials.
import { ContractTarget, madeUpCrmProspectId, mockCredentials } from "../../src/target.js";

/** The fake secret the self-tests use; a report that contains it has leaked a credential. */
export const fakeSecret = mockCredentials.accessKeySecret;

/** A target for a local server, able to force responses (`Prefer: code=…`) like Prism. */
export function localTarget(baseUrl: string): ContractTarget {
  return new ContractTarget(
    {
      kind: "prism",
      baseUrl,
      canForceResponses: true,
      allowWrites: true,
      crmProspectIds: [madeUpCrmProspectId],
      requestsPerSecond: undefined,
      numRuns: 100,
      seed: 1,
      requestTimeoutMs: 5_000,
    },
    mockCredentials,
  );
}
