/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`. Used on anything taken
 * from a third party (an error thrown by a custom `fetch`, say) before it becomes part of an error the
 * client throws, in case that text quoted the request's Authorization header.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out;
}

/**
 * A copy of an error safe to attach as `cause`: same name, message and stack (and `code`, `errno`,
 * `syscall`, `hostname` when present) with the secrets redacted, and its own `cause` chain copied the
 * same way. Returns the error itself when no secret appears anywhere in it.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const cause = (error as { cause?: unknown }).cause;
  const safeCause = redactError(cause, secrets, depth + 1);
  const text = `${error.name}\n${error.message}\n${error.stack ?? ""}`;
  if (redact(text, secrets) === text && safeCause === cause) return error;
  const copy = new Error(redact(error.message, secrets), safeCause === undefined ? undefined : { cause: safeCause });
  copy.name = error.name;
  copy.stack = redact(error.stack ?? "", secrets);
  for (const key of ["code", "errno", "syscall", "hostname"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") {
      (copy as unknown as Record<string, unknown>)[key] = typeof value === "string" ? redact(value, secrets) : value;
    }
  }
  return copy;
}
