import { GongConfigurationError } from "./errors.js";

/** Gong's default API host. OAuth apps get a customer-specific base URL instead. */
export const defaultBaseUrl = "https://api.gong.io";

/**
 * The base URL without a trailing slash. Credentials travel over TLS only (`http:` for loopback hosts
 * alone); user info, a query or a fragment are refused, since each would end up in every request URL.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    // What does not parse cannot be told apart into parts: with an "@" in it, it may hold a password.
    throw new GongConfigurationError(
      `baseUrl is not a valid absolute URL${input.includes("@") ? " (not shown: it may hold credentials)" : `: ${JSON.stringify(input)}`}`,
    );
  }
  // Only http(s) URLs are shown, without user info: in any other scheme the rest may be anything.
  const shown =
    url.protocol === "https:" || url.protocol === "http:"
      ? `${url.protocol}//${url.host}${url.pathname}`
      : `a ${url.protocol} URL`;
  if (url.username || url.password) {
    throw new GongConfigurationError(`baseUrl must not contain credentials; use \`auth\` (${shown})`);
  }
  if (url.search || url.hash) {
    throw new GongConfigurationError(`baseUrl must not have a query or fragment (${shown})`);
  }
  if (url.protocol !== "https:" && (url.protocol !== "http:" || !isLoopbackHost(url.hostname))) {
    throw new GongConfigurationError(
      `baseUrl must use https: (http: only for localhost, 127.0.0.0/8 and [::1]), got ${shown}`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * True for `localhost` (and `*.localhost`), any 127.0.0.0/8 address, and `[::1]`, as a parsed URL's
 * `hostname` spells them (lower case, IPv4 addresses normalised to four decimal octets).
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|.*\.localhost|127(\.\d+){3}|\[::1\])$/.test(hostname);
}
