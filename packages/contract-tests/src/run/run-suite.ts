import { checkReachable } from "./reachability.js";
import { startPrism, type PrismServer } from "@gong-flows/testkit";
import type { CaseResult, CheckGroup } from "../checks/case.js";
import { contractSuite } from "../checks/suite.js";
import { shippedSpecPath, SpecLoadError } from "../spec/document.js";
import { loadContractModel, type ContractModel } from "../spec/model.js";
import { createContext, type ContextOptions } from "./context.js";
import { runGroups, totalsOf, type GroupResult, type Totals } from "./runner.js";
import { credentialsFromEnv, settingSources, UsageError, type RunSettings } from "./settings.js";
import { ContractTarget, madeUpCrmProspectId, mockCredentials, type TargetSettings } from "./target.js";

type Env = Readonly<Record<string, string | undefined>>;

/** What a run did: its target (never its credentials), every group's results, and the totals. */
export interface RunReport {
  /** The server the suite ran against: its kind, base URL and authentication scheme. */
  target: TargetSettings & { scheme: string };
  /** The spec the server was held to. */
  specPath: string;
  /** Every group of checks that ran, with its cases. */
  groups: GroupResult[];
  /** The cases counted by verdict. */
  totals: Totals;
  /** How long the run took, in milliseconds. */
  durationMs: number;
}

/** Options of {@link runContractSuite}. */
export interface RunOptions extends ContextOptions {
  /** What to run against and how, as `resolveSettings` makes it from flags and variables. */
  settings: RunSettings;
  /** Where live credentials are read from (`GONG_ACCESS_KEY`…); default `process.env`. */
  env?: Env | undefined;
  /** Called as each case ends. */
  onCase?: ((group: CheckGroup, result: CaseResult) => void) | undefined;
  /** Called with the target and spec once the run has started (before the first check). */
  onStart?: ((run: Pick<RunReport, "target" | "specPath">) => void) | undefined;
  /** Called as each group ends. */
  onGroup?: ((group: GroupResult) => void) | undefined;
  /** Only these groups of checks (by id: `spec`, `responses`, `negative-data`…); default all. */
  groups?: readonly string[] | undefined;
  /** Cases of a group run at once. Default 4. */
  concurrency?: number | undefined;
  /** Ends the run early (Ctrl-C): Prism is stopped, and the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export { TargetUnreachableError } from "./reachability.js";

/** Prism could not be started: the run could not begin (exit code 2). */
export class PrismStartError extends Error {
  /** `"PrismStartError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "PrismStartError";
}

/**
 * Runs the contract suite once: reads the spec, starts Prism on it when the target is Prism (and
 * stops it, with every process it started, however the run ends), and runs every check against the
 * target.
 *
 * @throws {@link UsageError} for a spec that cannot be read, missing credentials or a configuration
 *   the client refuses; {@link PrismStartError} when Prism does not start.
 */
export async function runContractSuite(options: RunOptions): Promise<RunReport> {
  const { settings } = options;
  const started = performance.now();
  const specPath = settings.specPath ?? shippedSpecPath;
  let model: ContractModel;
  try {
    model = await loadContractModel(specPath);
  } catch (error) {
    if (!(error instanceof SpecLoadError)) throw error;
    const source = settings.sources.spec ?? "the spec shipped with the suite";
    throw new UsageError(`${source}: ${error.message}`);
  }
  let prism: PrismServer | undefined;
  const stopPrism = () => prism?.stop();
  options.signal?.addEventListener("abort", () => void stopPrism(), { once: true });
  try {
    if (settings.target === "prism") {
      try {
        prism = await startPrism({ specPath });
      } catch (error) {
        throw new PrismStartError(
          `Prism did not start on ${specPath}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      options.signal?.throwIfAborted();
    }
    const target = targetOf(settings, options.env ?? process.env, model, prism?.url);
    if (target.kind === "live") await checkReachable(target.baseUrl, target.requestTimeoutMs, options.signal);
    const ctx = createContext(model, target, options);
    options.onStart?.({ target: ctx.target.toJSON(), specPath });
    const selected = contractSuite(ctx).filter(
      (group) => options.groups === undefined || options.groups.includes(group.id),
    );
    const groups = await runGroups(selected, {
      concurrency: options.concurrency,
      onCase: options.onCase,
      onGroup: options.onGroup,
      signal: options.signal,
    });
    return {
      target: ctx.target.toJSON(),
      specPath,
      groups,
      totals: totalsOf(groups.flatMap((group) => group.cases)),
      durationMs: performance.now() - started,
    };
  } finally {
    await stopPrism();
  }
}

/**
 * The target a run is held to: the Prism it started (fake credentials, every operation, every
 * decision), or a live server (credentials from the environment, read-only unless writes are
 * allowed, held to the decisions only when strict).
 */
export function targetOf(
  settings: RunSettings,
  env: Env,
  model: ContractModel,
  prismUrl: string | undefined,
): ContractTarget {
  const common = {
    requestsPerSecond: settings.requestsPerSecond,
    numRuns: settings.numRuns,
    seed: settings.seed,
    requestTimeoutMs: settings.requestTimeoutMs,
  };
  if (settings.target === "prism") {
    if (!prismUrl) throw new UsageError("--target prism, but no Prism was started for this run");
    return new ContractTarget(
      {
        kind: "prism",
        baseUrl: prismUrl,
        canForceResponses: true,
        strict: true,
        allowWrites: true,
        assignment: undefined,
        crmProspectIds: [madeUpCrmProspectId],
        ...common,
      },
      mockCredentials,
    );
  }
  const baseUrl = settings.baseUrl ?? model.defaultServerUrl;
  if (!URL.canParse(baseUrl)) {
    throw new UsageError(
      `${settings.sources.baseUrl ?? settingSources.baseUrl.flag} is not an absolute URL: ${JSON.stringify(baseUrl.replace(/\/\/[^/@]*@/, "//***@"))}`,
    );
  }
  return new ContractTarget(
    {
      kind: "live",
      baseUrl,
      canForceResponses: false,
      strict: settings.strict,
      allowWrites: settings.allowWrites,
      assignment: settings.assignment,
      crmProspectIds: settings.crmProspectIds.length > 0 ? settings.crmProspectIds : [madeUpCrmProspectId],
      ...common,
    },
    credentialsFromEnv(env),
  );
}
