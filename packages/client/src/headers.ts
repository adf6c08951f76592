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

/**
 * A call's extra headers with lower-case names, checked by `Headers` before anything is sent (a bad one
 * would otherwise fail every attempt); `authorization` is refused, since only the client's `auth` sets it.
 */
export function checkCallHeaders(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers !== "object")
    throw new GongConfigurationError("headers must be an object of header names and values.");
  const checked = new Headers();
  for (const [name, value] of headers instanceof Headers || Array.isArray(headers)
    ? (headers as Iterable<[string, unknown]>)
    : Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    try {
      checked.set(name, String(value));
    } catch {
      throw new GongConfigurationError(
        `headers: ${JSON.stringify(name)} is not a valid header name, or its value cannot go in a header (a line break?).`,
      );
    }
  }
  if (checked.has("authorization"))
    throw new GongConfigurationError("headers: authorization cannot be set per call; `auth` sets it.");
  return Object.fromEntries(checked);
}
