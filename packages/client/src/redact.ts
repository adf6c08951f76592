import { base64 } from "./base64.js";

/** Shortest text redacted: shorter "secrets" would blank out ordinary words. */
const minimumSecretLength = 4;
/** A client that refreshes its token often keeps the last few for redaction, not every one ever seen. */
const maximumSecrets = 64;

/**
 * Keeps a client's credentials out of everything it throws or logs. It knows each secret (the access
 * key and its secret, the token, the Authorization header's value) in the forms text may quote it in
 * — as is, base64-encoded, percent-encoded, JSON-escaped — and replaces every occurrence with
 * `[REDACTED]`.
 */
export class Redactor {
  #secrets: string[] = [];

  constructor(secrets: readonly string[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret (for example a token a refresh just returned), in all the forms it may be quoted in. */
  add(secret: string): void {
    if (secret.length < minimumSecretLength) return;
    const forms = new Set([secret, base64(secret), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
    for (const form of forms) if (!this.#secrets.includes(form)) this.#secrets.push(form);
    if (this.#secrets.length > maximumSecrets) this.#secrets.splice(0, this.#secrets.length - maximumSecrets);
    // Longest first, so that a secret containing another is replaced whole.
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  /** The text with every secret replaced by `[REDACTED]`. */
  text(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join("[REDACTED]");
    return out;
  }

  /**
   * A fresh, plain error in place of whatever a `fetch` threw: its name, message, `code` and stack as
   * redacted text, its `cause` chain (and an AggregateError's `errors`) copied the same way — and
   * nothing else. The original object never leaves: it may carry the Request (`err.request`), an
   * axios-style `err.config.headers`, or anything else that holds the Authorization header.
   */
  error(thrown: unknown): Error {
    const copy = this.#copy(thrown, 0);
    return copy instanceof Error ? copy : new Error(String(copy));
  }

  #copy(thrown: unknown, depth: number): unknown {
    if (thrown === undefined || thrown === null) return thrown;
    if (typeof thrown !== "object" && typeof thrown !== "function") return this.text(String(thrown));
    if (depth > 5) return "[cause chain truncated]";
    const source = thrown as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    const message = this.text(typeof source.message === "string" ? source.message : describeObject(thrown));
    const errors = Array.isArray(source.errors) ? source.errors.slice(0, 20).map((e) => this.#copy(e, depth + 1)) : undefined;
    const copy = errors ? new AggregateError(errors, message) : new Error(message);
    copy.name = typeof source.name === "string" ? this.text(source.name) : "Error";
    copy.stack = typeof source.stack === "string" ? this.text(source.stack) : `${copy.name}: ${message}`;
    if (typeof source.code === "string" || typeof source.code === "number") {
      Object.defineProperty(copy, "code", { value: typeof source.code === "string" ? this.text(source.code) : source.code, enumerable: true });
    }
    if (source.cause !== undefined) {
      Object.defineProperty(copy, "cause", { value: this.#copy(source.cause, depth + 1), enumerable: false, writable: true, configurable: true });
    }
    return copy;
  }
}

/** `String(value)` for a thrown object that is not an Error, even one whose `toString` throws. */
function describeObject(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "(an object that cannot be described)";
  }
}
