import { GongConfigurationError } from "./errors.js";

/** Gong's default API host. OAuth apps get a customer-specific base URL instead. */
export const defaultBaseUrl = "https://api.gong.io";

/**
 * Checks a base URL and returns it without a trailing slash. Credentials only ever travel over TLS:
 * `http:` is accepted for loopback hosts alone (a local mock or test server), anything else is
 * refused. A URL with user info, a query or a fragment is refused too, since each would end up in
 * every request URL.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    // What does not parse cannot be told apart into parts: with an "@" in it, it may hold a password.
    throw new GongConfigurationError(`baseUrl is not a valid absolute URL${input.includes("@") ? " (not shown: it has an '@', and may hold credentials)" : `: ${JSON.stringify(input)}`}`);
  }
  // Only http(s) URLs are shown, without user info: in any other scheme the rest may be anything.
  const shown = url.protocol === "https:" || url.protocol === "http:" ? `${url.protocol}//${url.host}${url.pathname}` : `a ${url.protocol} URL`;
  if (url.username || url.password) {
    throw new GongConfigurationError(`baseUrl must not contain credentials; pass them as \`auth\` instead (${shown})`);
  }
  if (url.search || url.hash) {
    throw new GongConfigurationError(`baseUrl must not have a query or fragment (${shown})`);
  }
  if (url.protocol !== "https:") {
    if (url.protocol !== "http:" || !isLoopbackHost(url.hostname)) {
      throw new GongConfigurationError(
        `baseUrl must use https: so that credentials are never sent in clear text; http: is allowed only ` +
          `for localhost, 127.0.0.0/8 and [::1] (got ${shown})`,
      );
    }
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** True for `localhost` (and `*.localhost`), any 127.0.0.0/8 address, and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "[::1]" || host === "::1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
