import { Buffer } from "node:buffer";
import { redactSecrets, type AccessKeyAuth, type GongAuth } from "@gong-flows/client";
import { madeUpIdPrefix } from "../requests/sample.js";

/** Where the suite sends its requests. */
export type TargetKind = "prism" | "live";

/** The flow and owner of a live assign, as the user named them. */
export interface Assignment {
  /** The flow the configured prospects are assigned to (`--assign-flow-id`). */
  flowId: string;
  /** The email of the Gong user who owns the flow instances (`--assign-owner-email`). */
  ownerEmail: string;
}

/** What a run is held to and how: the settings of a {@link ContractTarget}, credentials aside. */
export interface TargetSettings {
  kind: TargetKind;
  /** Without a trailing slash. */
  baseUrl: string;
  /** True on Prism, which answers any documented status on request (`Prefer: code=…`). */
  canForceResponses: boolean;
  /**
   * Whether the target is held to the project's own decisions too (no empty ids, no unknown
   * properties…): always on Prism and our mocks, which serve the spec as written; on a live server
   * only when asked (`--strict`), since Gong is held to what Gong documents.
   */
  strict: boolean;
  /** Whether the write operations may be called (always on Prism; `--allow-writes` live). */
  allowWrites: boolean;
  /** The flow and owner of the live assign, as the user named them; undefined: no live assign. */
  assignment: Assignment | undefined;
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

/**
 * The target of one run: its settings, plus credentials that stay in a private field so that they
 * are never printed, serialized or shown in a failure (use {@link ContractTarget.redact} on any text
 * that could quote a request).
 */
export class ContractTarget implements TargetSettings {
  readonly kind: TargetKind;
  readonly baseUrl: string;
  readonly canForceResponses: boolean;
  readonly strict: boolean;
  readonly allowWrites: boolean;
  readonly assignment: Assignment | undefined;
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
    this.strict = settings.strict;
    this.allowWrites = settings.allowWrites;
    this.assignment = settings.assignment;
    this.crmProspectIds = settings.crmProspectIds;
    this.requestsPerSecond = settings.requestsPerSecond;
    this.numRuns = settings.numRuns;
    this.seed = settings.seed;
    this.requestTimeoutMs = settings.requestTimeoutMs;
    this.#credentials = credentials;
  }

  /** The same target at another base URL (the client's normalized form of it). */
  withBaseUrl(baseUrl: string): ContractTarget {
    return new ContractTarget({ ...this.toJSON(), baseUrl }, this.#credentials);
  }

  /** The scheme the credentials use. */
  get scheme(): "Basic" | "Bearer" {
    return "bearerToken" in this.#credentials ? "Bearer" : "Basic";
  }

  /**
   * The `Authorization` header Gong expects for these credentials, computed here rather than asked of
   * the client: check 5 holds the client's header to it, and an oracle must not ask the
   * implementation what is right.
   */
  authorization(): string {
    const credentials = this.#credentials;
    if ("bearerToken" in credentials) return `Bearer ${credentials.bearerToken}`;
    return `Basic ${Buffer.from(`${credentials.accessKey}:${credentials.accessKeySecret}`, "utf8").toString("base64")}`;
  }

  /** The credentials in the form `createGongFlowsClient({ auth })` takes. */
  clientAuth(): GongAuth {
    return { ...this.#credentials };
  }

  /** Replaces every secret (and the header built from it) in a text, with the client's own redaction. */
  redact(text: string): string {
    const credentials = this.#credentials;
    const header = this.authorization();
    const secrets =
      "bearerToken" in credentials
        ? [header, credentials.bearerToken]
        : [header, credentials.accessKeySecret, header.slice("Basic ".length)];
    return redactSecrets(text, secrets);
  }

  /** What `JSON.stringify` and failure messages show: the settings, never the credentials. */
  toJSON(): TargetSettings & { scheme: string } {
    // The own fields are exactly the settings: the credentials' private field is not one of them.
    return { ...this, scheme: this.scheme };
  }
}
