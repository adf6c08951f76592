import { isBrowser } from "./env.js";
import { GongConfigurationError } from "./errors.js";

/** The package's version, put in at build time from package.json (tsup.config.ts, vitest.config.ts). */
declare const __GONG_FLOWS_CLIENT_VERSION__: string;

/** What every request says it was sent by: `gong-flows-client/<version>`. */
export const clientIdentification = `gong-flows-client/${__GONG_FLOWS_CLIENT_VERSION__}`;

/**
 * The header that carries {@link clientIdentification}: `User-Agent`, except in a browser, which does
 * not let a page set `User-Agent`; there it is `X-Gong-Flows-Client`.
 */
export function identificationHeaderName(): string {
  return isBrowser() ? "x-gong-flows-client" : "user-agent";
}

/** RFC 9110 token characters: what a header name may be made of. */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible characters, spaces and tabs (and obs-text): what a header value may hold; no CR, LF or NUL. */
const headerValue = /^[\t\x20-\x7E\x80-\xFF]*$/;

/**
 * Checks the extra headers of a call and returns them with lower-case names, so that a bad one fails
 * before anything is sent, with its name, rather than as a connection error on every attempt; and
 * refuses `authorization`, which only the client's `auth` sets.
 */
export function checkCallHeaders(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers !== "object") throw new GongConfigurationError("headers must be an object of header names and values.");
  const entries: [string, unknown][] =
    headers instanceof Headers || Array.isArray(headers) ? [...new Headers(headers as HeadersInit)] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    if (!headerName.test(name)) throw new GongConfigurationError(`headers: ${JSON.stringify(name)} is not a valid HTTP header name.`);
    const lower = name.toLowerCase();
    if (lower === "authorization") {
      throw new GongConfigurationError("headers: authorization cannot be set per call; the client's `auth` sets it on every request.");
    }
    const text = String(value);
    if (!headerValue.test(text)) {
      throw new GongConfigurationError(`headers: the value of ${JSON.stringify(name)} has a character that cannot go in an HTTP header (a line break or other control character).`);
    }
    out[lower] = text;
  }
  return out;
}
