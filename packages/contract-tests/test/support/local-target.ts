// Targets for the self-tests: a local server on 127.0.0.1 with the suite's obviously fake credentials.
import { createContext, type ContractContext, type ContextOptions } from "../../src/run/context.js";
import { ContractTarget, madeUpCrmProspectId, mockCredentials, type TargetSettings } from "../../src/run/target.js";
import { model } from "./model.js";

/** The fake secret the self-tests use; a report that contains it has leaked a credential. */
export const fakeSecret = mockCredentials.accessKeySecret;

/**
 * A target for a local server: by default like Prism (it answers `Prefer: code=…`, and is held to
 * every decision of the spec); `kind: "live"` for one held as a live Gong is.
 */
export function localTarget(baseUrl: string, settings: Partial<TargetSettings> = {}): ContractTarget {
  const live = settings.kind === "live";
  return new ContractTarget(
    {
      kind: "prism",
      baseUrl,
      canForceResponses: !live,
      strict: !live,
      allowWrites: true,
      assignment: undefined,
      crmProspectIds: [madeUpCrmProspectId],
      requestsPerSecond: undefined,
      numRuns: 100,
      seed: 1,
      requestTimeoutMs: 5_000,
      ...settings,
    },
    mockCredentials,
  );
}

/** The context of a run against a local server (see {@link localTarget}). */
export function localContext(
  baseUrl: string,
  settings: Partial<TargetSettings> = {},
  options: ContextOptions = {},
): ContractContext {
  return createContext(model, localTarget(baseUrl, settings), options);
}
