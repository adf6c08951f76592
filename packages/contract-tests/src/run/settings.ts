import { type AccessKeyAuth, type BearerTokenAuth, defaultOptions, type GongAuth } from "@gong-flows/client";
import type { Assignment, TargetKind } from "./target.js";

/** The settings of one run of the suite, from command-line flags and the environment. */
export interface RunSettings {
  /** The server to hold to the spec: `prism` (a Prism mock of the spec, started by the run) or `live` (the server at `baseUrl`). */
  target: TargetKind;
  /** Live only: the API's base URL; undefined for the spec's first server. */
  baseUrl: string | undefined;
  /** Live only: the prospects the list calls ask about (empty: a made-up id). */
  crmProspectIds: string[];
  /** Live only: also call the write operations (Prism always allows them). */
  allowWrites: boolean;
  /**
   * Live writes only: the flow the configured prospects are assigned to, and the Gong user who owns
   * the flow instances; undefined when not given (the live assign is then skipped).
   */
  assignment: Assignment | undefined;
  /** Hold a live server to the project's decisions too, as Prism is held. */
  strict: boolean;
  /** Spacing of requests; undefined for none (default 3 a second live, none on Prism). */
  requestsPerSecond: number | undefined;
  /** Runs of each property-based check (default 100). */
  numRuns: number;
  /** Seed of the property-based checks and of Prism's generated answers, so a failure can be replayed. */
  seed: number;
  /** Default 30,000 live, 10,000 on Prism. */
  requestTimeoutMs: number;
  /** Another copy of the spec; undefined for the one shipped with the suite. */
  specPath: string | undefined;
  /** Where to write a JUnit XML report; undefined for none. */
  junitPath: string | undefined;
  /** Which flag or variable set each setting, for messages that name what to fix. */
  sources: Partial<Record<SettingName, string>>;
}

/** Bad usage or configuration: exit code 2, with a message that names the flag or variable to fix. */
export class UsageError extends Error {
  /** `"UsageError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "UsageError";
}

type Env = Readonly<Record<string, string | undefined>>;

/** The command-line flags, as parsed (see cli/command-line.ts); every one optional. */
export interface Flags {
  /** `--target`: `prism` or `live`. */
  target?: string | undefined;
  /** `--base-url`: the live server's base URL. */
  baseUrl?: string | undefined;
  /** `--prospects`: comma-separated CRM prospect ids the list calls ask about. */
  prospects?: string | undefined;
  /** `--allow-writes`: also call the write operations of a live server. */
  allowWrites?: boolean | undefined;
  /** `--assign-flow-id`: the flow a live assign puts the configured prospects in. */
  assignFlowId?: string | undefined;
  /** `--assign-owner-email`: the Gong user who owns the flow instances of a live assign. */
  assignOwnerEmail?: string | undefined;
  /** `--strict`: hold a live server to the project's decisions too. */
  strict?: boolean | undefined;
  /** `--rps`: requests per second; `0` for no pacing. */
  rps?: string | undefined;
  /** `--num-runs`: runs of each property-based check. */
  numRuns?: string | undefined;
  /** `--seed`: seed of the property-based checks and of Prism's generated answers. */
  seed?: string | undefined;
  /** `--timeout-ms`: time allowed for one answer, in milliseconds. */
  timeoutMs?: string | undefined;
  /** `--junit`: where to write a JUnit XML report. */
  junit?: string | undefined;
  /** `--spec`: another copy of the spec to hold the server to. */
  spec?: string | undefined;
}

/** Every setting with its flag and environment variable: the one table `--help` and the README follow. */
export const settingSources = {
  target: { flag: "--target", env: "CONTRACT_TARGET" },
  baseUrl: { flag: "--base-url", env: "GONG_BASE_URL" },
  prospects: { flag: "--prospects", env: "CONTRACT_CRM_PROSPECT_IDS" },
  allowWrites: { flag: "--allow-writes", env: "CONTRACT_ALLOW_WRITES" },
  assignFlowId: { flag: "--assign-flow-id", env: "CONTRACT_ASSIGN_FLOW_ID" },
  assignOwnerEmail: { flag: "--assign-owner-email", env: "CONTRACT_ASSIGN_OWNER_EMAIL" },
  strict: { flag: "--strict", env: "CONTRACT_STRICT" },
  rps: { flag: "--rps", env: "CONTRACT_REQUESTS_PER_SECOND" },
  numRuns: { flag: "--num-runs", env: "CONTRACT_NUM_RUNS" },
  seed: { flag: "--seed", env: "CONTRACT_SEED" },
  timeoutMs: { flag: "--timeout-ms", env: "CONTRACT_REQUEST_TIMEOUT_MS" },
  junit: { flag: "--junit", env: "CONTRACT_JUNIT" },
  spec: { flag: "--spec", env: "CONTRACT_SPEC" },
} as const;

type SettingName = keyof typeof settingSources;

/** Default seed of the property-based checks; fixed so that every run sends the same inputs. */
export const defaultSeed = 20_240_611;

/**
 * Resolves the settings of a run: each flag given wins over its environment variable, which wins
 * over the default. Every value is checked here, so that a typo stops the run before anything is sent.
 *
 * @throws {@link UsageError} naming the flag or variable to fix.
 */
export function resolveSettings(flags: Flags, env: Env): RunSettings {
  const sources: RunSettings["sources"] = {};
  const read = (name: SettingName): string | undefined => {
    const flag = flags[name];
    if (flag !== undefined && flag !== false) {
      sources[name] = settingSources[name].flag;
      return flag === true ? "1" : flag;
    }
    const fromEnv = env[settingSources[name].env]?.trim();
    if (fromEnv === undefined || fromEnv === "") return undefined;
    sources[name] = settingSources[name].env;
    return fromEnv;
  };
  const named = (name: SettingName) => sources[name] ?? settingSources[name].flag;

  const targetValue = (read("target") ?? "prism").toLowerCase();
  if (targetValue !== "prism" && targetValue !== "live") {
    throw new UsageError(`${named("target")} must be "prism" or "live", got ${JSON.stringify(targetValue)}`);
  }
  const target: TargetKind = targetValue;
  const live = target === "live";

  const baseUrl = read("baseUrl");
  if (baseUrl !== undefined && !live && sources.baseUrl === settingSources.baseUrl.flag) {
    throw new UsageError("--base-url applies to --target live (against Prism the suite starts its own mock)");
  }
  const prospectsText = read("prospects");
  const crmProspectIds = (prospectsText ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (prospectsText !== undefined && crmProspectIds.length === 0) {
    throw new UsageError(
      `${named("prospects")} must list CRM prospect ids separated by commas, got ${JSON.stringify(prospectsText)}`,
    );
  }

  const rps = decimal(read("rps"), named("rps"), 0);
  const settings: RunSettings = {
    target,
    baseUrl: live ? baseUrl : undefined,
    crmProspectIds,
    allowWrites: onOff(read("allowWrites"), named("allowWrites")),
    assignment: assignmentOf(read("assignFlowId"), read("assignOwnerEmail"), named, live),
    strict: onOff(read("strict"), named("strict")),
    // `0` means unpaced (a local server with no limit to respect).
    requestsPerSecond:
      rps === undefined ? (live ? defaultOptions.requestsPerSecond : undefined) : rps === 0 ? undefined : rps,
    numRuns: wholeNumber(read("numRuns"), named("numRuns"), 1) ?? 100,
    seed: wholeNumber(read("seed"), named("seed"), -(2 ** 31), 2 ** 31 - 1) ?? defaultSeed,
    requestTimeoutMs:
      wholeNumber(read("timeoutMs"), named("timeoutMs"), 1) ?? (live ? defaultOptions.timeoutMs : 10_000),
    specPath: read("spec"),
    junitPath: read("junit"),
    sources,
  };
  return settings;
}

/**
 * The credentials of a live run, from the environment only: `GONG_ACCESS_KEY` with
 * `GONG_ACCESS_KEY_SECRET`, or `GONG_BEARER_TOKEN`. Read here as well as by the client on purpose
 * (docs/design/contract-suite.md, an oracle of its own).
 */
export function credentialsFromEnv(env: Env): GongAuth {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const accessKey = value("GONG_ACCESS_KEY");
  const accessKeySecret = value("GONG_ACCESS_KEY_SECRET");
  const bearerToken = value("GONG_BEARER_TOKEN");
  if (accessKey !== undefined || accessKeySecret !== undefined) {
    if (accessKey === undefined || accessKeySecret === undefined) {
      throw new UsageError(
        `${accessKey === undefined ? "GONG_ACCESS_KEY" : "GONG_ACCESS_KEY_SECRET"} is not set: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET go together`,
      );
    }
    if (bearerToken !== undefined) {
      throw new UsageError(
        "both GONG_ACCESS_KEY/GONG_ACCESS_KEY_SECRET and GONG_BEARER_TOKEN are set: set one kind of credentials",
      );
    }
    return { accessKey, accessKeySecret } satisfies AccessKeyAuth;
  }
  if (bearerToken !== undefined) return { bearerToken } satisfies BearerTokenAuth;
  throw new UsageError(
    "--target live needs credentials in the environment: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN",
  );
}

/** The flow and owner of a live assign: both or neither, on a live target, the email well-formed. */
function assignmentOf(
  flowId: string | undefined,
  ownerEmail: string | undefined,
  named: (name: SettingName) => string,
  live: boolean,
): Assignment | undefined {
  if (flowId === undefined && ownerEmail === undefined) return undefined;
  if (!live)
    throw new UsageError(
      `${named(flowId === undefined ? "assignOwnerEmail" : "assignFlowId")} applies to --target live`,
    );
  if (flowId === undefined || ownerEmail === undefined) {
    throw new UsageError(
      `${named(flowId === undefined ? "assignFlowId" : "assignOwnerEmail")} is not set: a live assign needs both the flow (--assign-flow-id) and its owner (--assign-owner-email)`,
    );
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(ownerEmail)) {
    throw new UsageError(`${named("assignOwnerEmail")} must be an email address, got ${JSON.stringify(ownerEmail)}`);
  }
  return { flowId, ownerEmail };
}

function onOff(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === "0") return false;
  if (raw === "1") return true;
  throw new UsageError(`${name} must be 1 (on) or 0 (off), got ${JSON.stringify(raw)}`);
}

function wholeNumber(
  raw: string | undefined,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${name} must be a whole number ${range}, got ${JSON.stringify(raw)}`);
  }
  return parsed;
}

function decimal(raw: string | undefined, name: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(parsed) || parsed < min) {
    throw new UsageError(`${name} must be a number of at least ${min}, got ${JSON.stringify(raw)}`);
  }
  return parsed;
}
