import { base64 } from "./base64.js";

/** A client's credentials, and what it does to keep them out of everything it throws or logs. */
export interface Redactor {
  /** Adds a secret (a token a refresh just returned, say), in the forms text may quote it in. */
  add(secret: string): void;
  /** The text with every secret replaced by `[REDACTED]`. */
  text(text: string): string;
  /**
   * A fresh, plain error in place of whatever a `fetch` threw: its name, message, `code` and stack as
   * redacted text, its `cause` chain (and an AggregateError's `errors`) copied the same way — and
   * nothing else. The original object never leaves: it may carry the Request (`err.request`), an
   * axios-style `err.config.headers`, or anything else that holds the Authorization header.
   */
  error(thrown: unknown): Error;
}

/**
 * Keeps a client's credentials out of everything it throws or logs. It knows each secret (the access
 * key and its secret, the token, the Authorization header's value) as is, base64-encoded and
 * percent-encoded, and replaces every occurrence with `[REDACTED]`. A form shorter than 4 characters is
 * replaced only where it stands alone, not inside a longer run of letters and digits (it would blank out
 * parts of ordinary words); a client that refreshes its token often keeps the last 64 forms, not every
 * one ever seen.
 *
 * The one redaction of gong-flows: tools that write what they saw (the CLI's journal and reports, the
 * Redis store's errors) create one, `add` the secrets they know, and pass every text through `text`.
 *
 * @example
 * ```ts
 * const redactor = createRedactor();
 * redactor.add(process.env.GONG_ACCESS_KEY_SECRET ?? "");
 * console.error(redactor.text(upstreamMessage));
 * ```
 */
export function createRedactor(): Redactor {
  // Newest first, for eviction (the oldest forms go first); `secrets` is the same set, longest first, for
  // matching (so that a secret containing another is replaced whole).
  let recent: string[] = [];
  let secrets: string[] = [];
  let standalone: RegExp[] = [];

  const text = (value: string) => {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join("[REDACTED]");
    for (const pattern of standalone) out = out.replace(pattern, "[REDACTED]");
    return out;
  };

  const copy = (thrown: unknown, depth: number): unknown => {
    if (thrown === undefined || thrown === null) return thrown;
    if (typeof thrown !== "object" && typeof thrown !== "function") return text(String(thrown));
    if (depth > 5) return "[cause chain truncated]";
    const source = thrown as {
      name?: unknown;
      message?: unknown;
      stack?: unknown;
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    let message: string;
    try {
      message = text(typeof source.message === "string" ? source.message : String(thrown));
    } catch {
      message = "(an object that cannot be described)";
    }
    const errors = Array.isArray(source.errors) ? source.errors.slice(0, 20).map((e) => copy(e, depth + 1)) : undefined;
    const fresh = errors ? new AggregateError(errors, message) : new Error(message);
    fresh.name = typeof source.name === "string" ? text(source.name) : "Error";
    fresh.stack = typeof source.stack === "string" ? text(source.stack) : `${fresh.name}: ${message}`;
    if (typeof source.code === "string" || typeof source.code === "number")
      Object.assign(fresh, { code: typeof source.code === "string" ? text(source.code) : source.code });
    if (source.cause !== undefined) fresh.cause = copy(source.cause, depth + 1);
    return fresh;
  };

  return {
    add(secret) {
      if (secret.length === 0) return;
      recent = [...new Set([secret, base64(secret), encodeURIComponent(secret), ...recent])].slice(0, 64);
      const longestFirst = [...recent].sort((a, b) => b.length - a.length);
      secrets = longestFirst.filter((form) => form.length >= minSubstringLength);
      standalone = longestFirst.filter((form) => form.length < minSubstringLength).map(standalonePattern);
    },
    text,
    error(thrown) {
      const fresh = copy(thrown, 0);
      return fresh instanceof Error ? fresh : new Error(String(fresh));
    },
  };
}

/** Shorter forms would match inside ordinary words, so they are matched only where they stand alone. */
const minSubstringLength = 4;

/** Matches `form` where no letter or digit touches it on either side. */
function standalonePattern(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "gu");
}

/**
 * Replaces every occurrence of the given secrets (as is, base64-encoded and percent-encoded) in a text
 * with `[REDACTED]`: the redaction the client applies to anything it throws or logs, for tools that
 * quote requests or answers themselves (the contract suite's reports, a logging wrapper).
 */
export function redact(text: string, secrets: readonly string[]): string {
  const redactor = createRedactor();
  for (const secret of secrets) redactor.add(secret);
  return redactor.text(text);
}
