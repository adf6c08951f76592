import { GongConfigurationError } from "./errors.js";
import { isBrowser, readEnv } from "./env.js";

/** Gong's API access key and its secret, from Gong's API page (Basic authentication). */
export interface AccessKeyAuth {
  accessKey: string;
  accessKeySecret: string;
}

/** An OAuth access token from Gong's OAuth flow, carrying the scopes the operations need. */
export interface BearerTokenAuth {
  bearerToken: string;
}

/** How the client authenticates: an access key and secret, or an OAuth bearer token. */
export type GongAuth = AccessKeyAuth | BearerTokenAuth;

/** The authorization header value, and the secrets it contains (for redaction). */
export interface ResolvedAuth {
  readonly header: string;
  readonly secrets: readonly string[];
}

/**
 * Resolves the credentials from the options or, when absent, from the environment
 * (`GONG_ACCESS_KEY` + `GONG_ACCESS_KEY_SECRET`, or `GONG_BEARER_TOKEN`), and builds the
 * `Authorization` header. Throws {@link GongConfigurationError} naming every way to provide them when
 * there are none, and refuses Basic credentials in a browser unless explicitly allowed.
 */
export function resolveAuth(auth: GongAuth | undefined, options: { dangerouslyAllowBrowser?: boolean | undefined } = {}): ResolvedAuth {
  const resolved = auth ?? authFromEnv();
  if (!resolved) {
    throw new GongConfigurationError(
      "No Gong credentials: pass `auth: { accessKey, accessKeySecret }` or `auth: { bearerToken }` to " +
        "createGongFlowsClient, or set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN.",
    );
  }
  if ("bearerToken" in resolved) {
    const token = nonEmpty(resolved.bearerToken, "auth.bearerToken");
    return { header: `Bearer ${token}`, secrets: [token] };
  }
  const accessKey = nonEmpty(resolved.accessKey, "auth.accessKey");
  const secret = nonEmpty(resolved.accessKeySecret, "auth.accessKeySecret");
  if (accessKey.includes(":")) {
    throw new GongConfigurationError("auth.accessKey must not contain ':' (it separates the key from its secret).");
  }
  if (isBrowser() && !options.dangerouslyAllowBrowser) {
    throw new GongConfigurationError(
      "Refusing Gong access-key credentials in a browser: the secret would ship to every visitor. " +
        "Call Gong from a server, use an OAuth bearer token, or pass `dangerouslyAllowBrowser: true` if " +
        "this page is only ever served to trusted users.",
    );
  }
  const encoded = base64(`${accessKey}:${secret}`);
  return { header: `Basic ${encoded}`, secrets: [secret, encoded] };
}

function authFromEnv(): GongAuth | undefined {
  const accessKey = readEnv("GONG_ACCESS_KEY");
  const accessKeySecret = readEnv("GONG_ACCESS_KEY_SECRET");
  if (accessKey !== undefined || accessKeySecret !== undefined) {
    if (accessKey === undefined || accessKeySecret === undefined) {
      const missing = accessKey === undefined ? "GONG_ACCESS_KEY" : "GONG_ACCESS_KEY_SECRET";
      throw new GongConfigurationError(`${missing} is not set: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET go together.`);
    }
    return { accessKey, accessKeySecret };
  }
  const bearerToken = readEnv("GONG_BEARER_TOKEN");
  return bearerToken === undefined ? undefined : { bearerToken };
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new GongConfigurationError(`${name} must be a non-empty string.`);
  }
  return value.trim();
}

/**
 * Base64 of a string's UTF-8 bytes with `btoa`, available in every runtime the client supports
 * (Node ≥ 16, Deno, Bun, workers, browsers), so no Node-only `Buffer` is needed.
 */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
