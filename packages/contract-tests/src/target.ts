import { Buffer } from "node:buffer";
import type { AccessKeyAuth, GongAuth } from "@gong-flows/client";
import { madeUpIdPrefix } from "./request-sample.js";

/** Where the suite sends its requests. */
export type TargetKind = "prism" | "live";

/** The settings of one run, read from the environment by {@link targetFromEnv}. */
export interface TargetSettings {
  kind: TargetKind;
  /** Without a trailing slash. */
  baseUrl: string;
  /** True on Prism, which answers any documented status on request (`Prefer: code=…`). */
  canForceResponses: boolean;
  /** Whether the unassign operations may be called (always on Prism; `CONTRACT_ALLOW_WRITES=1` live). */
  allowWrites: boolean;
  /** The prospects the list calls ask about. */
  crmProspectIds: string[];
  /** Spacing of requests; undefined for none. */
  requestsPerSecond: number | undefined;
  /** Runs of every property-based check. */
  numRuns: number;
  /** Seed of every property-based check, printed with any failure for replay. */
  seed: number;
  /** Time allowed for one request and its whole answer. */
  requestTimeoutMs: number;
}

/** A made-up prospect id: asked about when no real one is given, it can only match nothing. */
export const madeUpCrmProspectId = `${madeUpIdPrefix}-prospect`;

/** Fake credentials the suite sends to Prism, which checks their form and not their value. */
export const mockCredentials: AccessKeyAuth = {
  accessKey: "test-access-key",
  accessKeySecret: "test-access-key-secret",
};

/** A base URL, credentials or setting the suite cannot run with. */
export class TargetConfigurationError extends Error {
  override name = "TargetConfigurationError";
}

/**
 * The target of one run: its settings, plus credentials that stay in a private field so that they
 * are never printed, serialized or shown in a failure (use {@link ContractTarget.redact} on any text
 * that could quote a request).
 */
export class ContractTarget implements TargetSettings {
  readonly kind: TargetKind;
  readonly baseUrl: string;
  readonly canForceResponses: boolean;
  readonly allowWrites: boolean;
  readonly crmProspectIds: string[];
  readonly requestsPerSecond: number | undefined;
  readonly numRuns: number;
  readonly seed: number;
  readonly requestTimeoutMs: number;
  readonly #credentials: GongAuth;

  constructor(settings: TargetSettings, credentials: GongAuth) {
    this.kind = settings.kind;
    this.baseUrl = settings.baseUrl;
    this.canForceResponses = settings.canForceResponses;
    this.allowWrites = settings.allowWrites;
    this.crmProspectIds = settings.crmProspectIds;
    this.requestsPerSecond = settings.requestsPerSecond;
    this.numRuns = settings.numRuns;
    this.seed = settings.seed;
    this.requestTimeoutMs = settings.requestTimeoutMs;
    this.#credentials = credentials;
  }

  /** The same target with another per-request timeout. */
  withRequestTimeout(requestTimeoutMs: number): ContractTarget {
    return new ContractTarget({ ...this.toJSON(), requestTimeoutMs }, this.#credentials);
  }

  /** The scheme the credentials use. */
  get scheme(): "Basic" | "Bearer" {
    return "bearerToken" in this.#credentials ? "Bearer" : "Basic";
  }

  /** The `Authorization` header value Gong expects for these credentials. */
  authorization(): string {
    const credentials = this.#credentials;
    if ("bearerToken" in credentials) return `Bearer ${credentials.bearerToken}`;
    return `Basic ${Buffer.from(`${credentials.accessKey}:${credentials.accessKeySecret}`, "utf8").toString("base64")}`;
  }

  /** The credentials in the form `createGongFlowsClient({ auth })` takes. */
  clientAuth(): GongAuth {
    return { ...this.#credentials };
  }

  /** Replaces every secret (and the header built from it) in a text by `[redacted]`. */
  redact(text: string): string {
    const credentials = this.#credentials;
    const secrets =
      "bearerToken" in credentials
        ? [credentials.bearerToken]
        : [credentials.accessKeySecret, this.authorization().slice("Basic ".length)];
    let out = text;
    for (const secret of secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join("[redacted]");
    }
    return out;
  }

  /** What `JSON.stringify` and failure messages show: the settings, never the credentials. */
  toJSON(): TargetSettings & { scheme: string } {
    // The own fields are exactly the settings: the credentials' private field is not one of them.
    return { ...this, scheme: this.scheme };
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Default seed of the property-based checks; fixed so that every run sends the same inputs. */
const defaultSeed = 20_240_611;

/** `CONTRACT_TARGET` as a run reads it: lower case, `prism` when unset or blank (not yet checked). */
export function targetKindFromEnv(env: Env): string {
  return (value(env, "CONTRACT_TARGET") ?? "prism").toLowerCase();
}

/**
 * Reads the target of a run from the environment.
 *
 * - `CONTRACT_TARGET`: `prism` (default) or `live`.
 * - Prism: `prismUrl` is the mock that the run started; fake credentials are used.
 * - Live: `GONG_BASE_URL` (default: the spec's first server), `GONG_ACCESS_KEY` +
 *   `GONG_ACCESS_KEY_SECRET` or `GONG_BEARER_TOKEN`, `CONTRACT_CRM_PROSPECT_IDS` (comma-separated),
 *   `CONTRACT_ALLOW_WRITES=1`, `CONTRACT_REQUESTS_PER_SECOND` (default 3, `0` for no spacing).
 * - Both: `CONTRACT_NUM_RUNS` (default 100), `CONTRACT_SEED`, `CONTRACT_REQUEST_TIMEOUT_MS`.
 *
 * @throws {@link TargetConfigurationError} naming the variable to fix.
 */
export function targetFromEnv(env: Env, options: { prismUrl?: string | undefined; defaultLiveBaseUrl: string }): ContractTarget {
  const kind = targetKindFromEnv(env);
  const numRuns = wholeNumber(env, "CONTRACT_NUM_RUNS", 100, 1);
  const seed = wholeNumber(env, "CONTRACT_SEED", defaultSeed, -(2 ** 31));
  if (kind === "prism") {
    if (!options.prismUrl) throw new TargetConfigurationError("CONTRACT_TARGET=prism but no Prism was started for this run");
    return new ContractTarget(
      {
        kind: "prism",
        baseUrl: checkedBaseUrl(options.prismUrl),
        canForceResponses: true,
        allowWrites: true, // a mock has nothing to lose
        crmProspectIds: [madeUpCrmProspectId],
        requestsPerSecond: undefined,
        numRuns,
        seed,
        requestTimeoutMs: wholeNumber(env, "CONTRACT_REQUEST_TIMEOUT_MS", 10_000, 1),
      },
      mockCredentials,
    );
  }
  if (kind !== "live") {
    throw new TargetConfigurationError(`CONTRACT_TARGET must be "prism" or "live", got ${JSON.stringify(kind)}`);
  }
  const ids = (value(env, "CONTRACT_CRM_PROSPECT_IDS") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  const rate = wholeNumber(env, "CONTRACT_REQUESTS_PER_SECOND", 3, 0);
  return new ContractTarget(
    {
      kind: "live",
      baseUrl: checkedBaseUrl(value(env, "GONG_BASE_URL") ?? options.defaultLiveBaseUrl),
      canForceResponses: false,
      allowWrites: value(env, "CONTRACT_ALLOW_WRITES") === "1",
      crmProspectIds: ids.length > 0 ? ids : [madeUpCrmProspectId],
      requestsPerSecond: rate === 0 ? undefined : rate,
      numRuns,
      seed,
      requestTimeoutMs: wholeNumber(env, "CONTRACT_REQUEST_TIMEOUT_MS", 30_000, 1),
    },
    credentialsFromEnv(env),
  );
}

function credentialsFromEnv(env: Env): GongAuth {
  const accessKey = value(env, "GONG_ACCESS_KEY");
  const accessKeySecret = value(env, "GONG_ACCESS_KEY_SECRET");
  if (accessKey !== undefined || accessKeySecret !== undefined) {
    if (accessKey === undefined || accessKeySecret === undefined) {
      throw new TargetConfigurationError("GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET go together: set both");
    }
    return { accessKey, accessKeySecret };
  }
  const bearerToken = value(env, "GONG_BEARER_TOKEN");
  if (bearerToken !== undefined) return { bearerToken };
  throw new TargetConfigurationError(
    "CONTRACT_TARGET=live needs credentials: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN",
  );
}

/**
 * Accepts `https:` base URLs, and `http:` only on a loopback host (a local server held to the
 * contract), so that credentials never travel in clear text.
 */
function checkedBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TargetConfigurationError(`GONG_BASE_URL is not an absolute URL: ${JSON.stringify(input)}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TargetConfigurationError("GONG_BASE_URL must not carry credentials, a query or a fragment");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new TargetConfigurationError(
      `GONG_BASE_URL must use https: (http: only for localhost, 127.0.0.0/8 or [::1]); got ${url.protocol}//${url.host}`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || host === "::1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

function wholeNumber(env: Env, name: string, fallback: number, min: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new TargetConfigurationError(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
  }
  return parsed;
}
