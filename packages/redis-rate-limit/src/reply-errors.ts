import type { Redactor } from "@gong-flows/client";

/** Redis error replies that say "not now" rather than "never": waited through like a lost connection. */
const transientReplies = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|NOREPLICAS)\b/;

/** An error reply from Redis (ioredis's `ReplyError`), as opposed to a connection that failed. */
export function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}

/** A Redis reply that no wait cures (a wrong password, a forbidding ACL, a key of another type). */
export function isLastingReply(description: string): boolean {
  return !transientReplies.test(description);
}

/** A one-line description of a connection or reply error, credentials redacted, at most 300 characters. */
export function describeError(error: unknown, redactor: Redactor): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const text = redactor.text(typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
