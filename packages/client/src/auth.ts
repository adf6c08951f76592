import { base64 } from "./base64.js";
import { isBrowser, readEnv } from "./env.js";
import { GongConfigurationError } from "./errors.js";
import { checkKeys } from "./option-keys.js";
import type { Redactor } from "./redact.js";

/** Gong's API access key and its secret, from Gong's API page (Basic authentication). */
export interface AccessKeyAuth {
  /** The access key (its public half). */
  accessKey: string;
  /** The access key's secret: never logged, and redacted from every error the client throws. */
  accessKeySecret: string;
}

/**
 * Returns the current OAuth access token. The client calls it before each attempt (cache the token
 * in it as you see fit), and once more with `refresh: true` when Gong answers 401 to the token it
 * returned: then return a fresh token, not the cached one. The client retries that request once
 * with it.
 */
export type BearerTokenSource = (context: { readonly refresh: boolean }) => string | Promise<string>;

/** An OAuth access token from Gong's OAuth flow, carrying the scopes the operations need. */
export interface BearerTokenAuth {
  /** The access token, sent as `Authorization: Bearer <token>` (and redacted like a secret). */
  bearerToken: string;
}

/** OAuth access tokens that expire: a function the client asks for the current one (see {@link BearerTokenSource}). */
export interface RefreshableBearerTokenAuth {
  /** Called for the current token before each attempt, and with `refresh: true` after a 401. */
  bearerToken: BearerTokenSource;
}

/** How the client authenticates: an access key and secret, or an OAuth bearer token. */
export type GongAuth = AccessKeyAuth | BearerTokenAuth;

/** Where each attempt's Authorization header comes from. */
export interface AuthProvider {
  /** True when the credentials can be refreshed after a 401 (a token function). */
  readonly refreshable: boolean;
  /** The Authorization header for the next attempt; `refresh` after a 401 to the last one. */
  header(refresh: boolean): string | Promise<string>;
}

/**
 * The credentials from the options, else from the environment, each secret given to `redactor` first.
 * Throws {@link GongConfigurationError} for none, both kinds, a value no header can carry, Basic in a browser.
 */
export function resolveAuth(
  auth: GongAuth | RefreshableBearerTokenAuth | undefined,
  redactor: Redactor,
  options: { dangerouslyAllowBrowser?: boolean | undefined } = {},
): AuthProvider {
  const resolved = auth ?? authFromEnv();
  if (!resolved) {
    throw new GongConfigurationError(
      "No Gong credentials: pass `auth: { accessKey, accessKeySecret }` or `auth: { bearerToken }` to " +
        "createGongFlowsClient, or set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN.",
    );
  }
  /** The header for a token or credential, once it is known to be safe in a header and to the redactor. */
  const header = (scheme: string, value: unknown, name: string, allowed: RegExp) => {
    const safe = headerSafe(value, name, allowed);
    redactor.add(safe);
    return `${scheme} ${safe}`;
  };
  if ("bearerToken" in resolved) {
    if ("accessKey" in resolved || "accessKeySecret" in resolved)
      throw new GongConfigurationError("auth has both an access key and a bearer token: give one.");
    checkKeys(resolved, ["bearerToken"], "auth");
    const source = resolved.bearerToken;
    if (typeof source === "function") {
      return {
        refreshable: true,
        async header(refresh) {
          let token: unknown;
          try {
            token = await source({ refresh });
          } catch (error) {
            // Only the kind of failure is said. Its message, stack and causes may hold a token the client
            // has never seen and cannot redact, so the thrown object is not kept either (not as a cause).
            const kind = error instanceof Error ? redactor.text(error.name) : typeof error;
            throw new GongConfigurationError(
              `auth.bearerToken() threw ${kind} (message withheld: it may hold a token); nothing was sent.`,
            );
          }
          return header("Bearer", token, "the token auth.bearerToken() returned", bearerTokenCharacters);
        },
      };
    }
    const fixed = header("Bearer", source, "auth.bearerToken", bearerTokenCharacters);
    return { refreshable: false, header: () => fixed };
  }
  checkKeys(resolved, ["accessKey", "accessKeySecret"], "auth");
  const accessKey = header("", resolved.accessKey, "auth.accessKey", credentialCharacters).slice(1);
  const secret = header("", resolved.accessKeySecret, "auth.accessKeySecret", credentialCharacters).slice(1);
  if (accessKey.includes(":"))
    throw new GongConfigurationError("auth.accessKey must not contain ':' (it separates the key from its secret).");
  if (isBrowser() && !options.dangerouslyAllowBrowser) {
    throw new GongConfigurationError(
      "Refusing an access key in a browser: the secret would ship to every visitor. Use a bearer token, or `dangerouslyAllowBrowser: true`.",
    );
  }
  const fixed = header("Basic", base64(`${accessKey}:${secret}`), "", /./);
  return { refreshable: false, header: () => fixed };
}

function authFromEnv(): GongAuth | undefined {
  const accessKey = readEnv("GONG_ACCESS_KEY");
  const accessKeySecret = readEnv("GONG_ACCESS_KEY_SECRET");
  const bearerToken = readEnv("GONG_BEARER_TOKEN");
  if (accessKey !== undefined || accessKeySecret !== undefined) {
    if (bearerToken !== undefined)
      throw new GongConfigurationError(
        "Both GONG_ACCESS_KEY and GONG_BEARER_TOKEN are set: unset one, or pass `auth`.",
      );
    if (accessKey === undefined || accessKeySecret === undefined) {
      throw new GongConfigurationError(
        `${accessKey === undefined ? "GONG_ACCESS_KEY" : "GONG_ACCESS_KEY_SECRET"} is not set: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET go together.`,
      );
    }
    return { accessKey, accessKeySecret };
  }
  return bearerToken === undefined ? undefined : { bearerToken };
}

/** A bearer token goes in the header as is: visible ASCII only (RFC 6750's token characters and more). */
const bearerTokenCharacters = /[\x21-\x7E]/;
/** A key or secret is base64-encoded first: anything but control characters (a pasted line break). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
const credentialCharacters = /[^\x00-\x1F\x7F]/;

/**
 * The credential, trimmed, when it is a non-empty string that can go in an Authorization header;
 * otherwise a {@link GongConfigurationError} that says where the bad character is, never what it is
 * part of. Refused here, at creation, rather than failing every request as a "connection error".
 */
function headerSafe(value: unknown, name: string, allowed: RegExp): string {
  const trimmed = typeof value === "string" ? value.trim() : "";
  if (!trimmed) throw new GongConfigurationError(`${name} must be a non-empty string.`);
  const position = [...trimmed].findIndex((ch) => !allowed.test(ch)) + 1;
  if (position)
    throw new GongConfigurationError(
      `${name} has a character that cannot go in an HTTP header at position ${position} (not shown).`,
    );
  return trimmed;
}
