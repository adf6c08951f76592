import { GongError } from "@gong-flows/client";

/** What every error of this package says about where the shared state is. */
export interface RedisStoreErrorInit {
  /** The Redis the store talks to, as `redis://host:port/db`: never a user name or a password. */
  redisUrl: string;
  /** The key of the shared state. */
  key: string;
  /** A short, redacted description of what Redis or the connection said (an error code, a reply). */
  detail?: string | undefined;
}

/**
 * The Redis rate-limit store could not give a turn, so nothing was sent. A `GongError` (of `@gong-flows/client`): the
 * client passes it to the caller unchanged.
 *
 * Thrown as is when Redis answered with an error no wait will cure (a wrong password, an ACL that
 * forbids the scripts, a key that holds something else, the store closed); its subclass
 * {@link RedisUnavailableError} when Redis could not be reached in time.
 *
 * Messages, `JSON.stringify` and `util.inspect` never hold the URL's password or user name: the URL
 * is shown without them, and what the Redis library said is copied as redacted text, never attached.
 */
export class RedisStoreError extends GongError {
  /** `"RedisStoreError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "RedisStoreError";
  /** The Redis the store talks to, without user name or password. */
  readonly redisUrl: string;
  /** The key of the shared state. */
  readonly key: string;
  /** What Redis or the connection said, redacted. */
  readonly detail: string | undefined;

  constructor(message: string, init: RedisStoreErrorInit) {
    super(message);
    this.redisUrl = init.redisUrl;
    this.key = init.key;
    this.detail = init.detail;
  }

  /** What `JSON.stringify` writes: the error's fields, with no credential in any of them. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), redisUrl: this.redisUrl, key: this.key, detail: this.detail };
  }
}

/**
 * Redis could not be reached within `unavailableTimeoutMs` (refused, reset, timed out, not ready), so
 * the request was not sent: the store fails closed rather than let a request start without a slot.
 * Calls made once Redis is back proceed as usual.
 */
export class RedisUnavailableError extends RedisStoreError {
  /** `"RedisUnavailableError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "RedisUnavailableError";
  /** How long the call waited for Redis before giving up, in milliseconds. */
  readonly waitedMs: number;

  constructor(message: string, init: RedisStoreErrorInit & { waitedMs: number }) {
    super(message, init);
    this.waitedMs = init.waitedMs;
  }

  /** What `JSON.stringify` writes: the error's fields, `waitedMs` included, with no credential in any of them. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), waitedMs: this.waitedMs };
  }
}

/** The store was closed: calls still waiting, and any made after, end with this. */
export function storeClosedError(where: { redisUrl: string; key: string }): RedisStoreError {
  return new RedisStoreError(
    `Not sent: the Redis rate-limit store (${where.redisUrl}, key "${where.key}") was closed.`,
    { redisUrl: where.redisUrl, key: where.key, detail: "store closed" },
  );
}

/** A script answered in a shape this version does not know (another version's scripts on the key, say). */
export function unexpectedReplyError(
  where: { redisUrl: string; key: string },
  scriptName: string,
  raw: unknown,
): RedisStoreError {
  const shape = Array.isArray(raw) ? `an array of ${raw.length}` : typeof raw;
  return new RedisStoreError(
    `Not sent: Redis answered the ${scriptName} script with ${shape}, not what this version of the store expects.`,
    { redisUrl: where.redisUrl, key: where.key, detail: `unexpected reply to ${scriptName}` },
  );
}
