/** The credentials a mock accepts. With neither set, any well-formed Basic or Bearer header. */
export interface GongMockCredentials {
  /** Accept Basic credentials with exactly this access key (with `accessKeySecret`). */
  accessKey?: string | undefined;
  /** The secret that goes with `accessKey`. */
  accessKeySecret?: string | undefined;
  /** Accept `Authorization: Bearer` with exactly this token. */
  bearerToken?: string | undefined;
}

/** Why a call's credentials were refused; the text never quotes what was sent. */
export type CredentialsVerdict = { ok: true } | { ok: false; error: string };

/**
 * Checks an `Authorization` header as Gong does: `Basic base64(accessKey:accessKeySecret)` or
 * `Bearer <token>`. When the mock was given credentials, only those are accepted (a scheme it was
 * given none for is refused); otherwise any well-formed header is.
 */
export function checkCredentials(header: string | null, accepted: GongMockCredentials): CredentialsVerdict {
  if (header === null || header.trim() === "")
    return refuse("Missing Authorization header: send Basic or Bearer credentials.");
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header.trim());
  if (!match) return refuse("Malformed Authorization header: expected `Basic <credentials>` or `Bearer <token>`.");
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  const configured = accepted.accessKey !== undefined || accepted.bearerToken !== undefined;

  if (scheme === "basic") {
    const pair = decodeBasic(value);
    if (!pair) return refuse("Malformed Basic credentials: expected base64 of `accessKey:accessKeySecret`.");
    if (!configured) return { ok: true };
    if (accepted.accessKey === undefined)
      return refuse("Basic credentials are not accepted here: send a Bearer token.");
    return pair.key === accepted.accessKey && pair.secret === accepted.accessKeySecret
      ? { ok: true }
      : refuse("Unknown access key, or a wrong secret.");
  }
  if (scheme === "bearer") {
    if (!configured) return { ok: true };
    if (accepted.bearerToken === undefined)
      return refuse("Bearer tokens are not accepted here: send Basic credentials.");
    return value === accepted.bearerToken ? { ok: true } : refuse("Invalid or expired bearer token.");
  }
  return refuse("Unsupported authorization scheme: use Basic or Bearer.");
}

/**
 * The secrets an `Authorization` header carries (the token, or the Basic pair's key and secret), for
 * redaction: a log line must not quote them, whatever the caller put in a URL.
 */
export function secretsOf(header: string | null | undefined): string[] {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header?.trim() ?? "");
  if (!match) return [];
  const pair = match[1]!.toLowerCase() === "basic" ? decodeBasic(match[2]!) : undefined;
  return pair === undefined ? [match[2]!] : [match[2]!, pair.key, pair.secret];
}

function refuse(error: string): CredentialsVerdict {
  return { ok: false, error };
}

/** `key:secret` from base64 (UTF-8), or undefined when it is not that. */
function decodeBasic(encoded: string): { key: string; secret: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { key: text.slice(0, colon), secret: text.slice(colon + 1) };
}
