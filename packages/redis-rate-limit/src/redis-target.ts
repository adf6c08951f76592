import { createRedactor, type Redactor } from "@gong-flows/client";

/** Where the store's state lives, as its errors describe it. */
export interface Target {
  readonly redisUrl: string;
  readonly key: string;
}

/** A target and the redactor that keeps its credentials out of any text that reaches an error. */
export interface DescribedTarget {
  readonly target: Target;
  readonly redactor: Redactor;
}

/** Describes a Redis given as a URL: shown without user name or password, both known to the redactor. */
export function targetOfUrl(redisUrl: string, key: string): DescribedTarget {
  const url = new URL(redisUrl);
  return { target: { redisUrl: displayUrl(url), key }, redactor: redactorOf([url.username, url.password]) };
}

/**
 * Describes an ioredis client passed in from its resolved options (`RedisOptions`, or `ClusterOptions`
 * with `redisOptions`): the host and port shown, the credentials redacted.
 */
export function targetOfClient(clientOptions: unknown, key: string): DescribedTarget {
  const options = record(clientOptions);
  const nested = record(options["redisOptions"]);
  const host = text(options["host"]);
  const port = typeof options["port"] === "number" ? options["port"] : 6379;
  const db = typeof options["db"] === "number" && options["db"] !== 0 ? `/${options["db"]}` : "";
  const redactor = redactorOf([options, nested].flatMap((layer) => [text(layer["username"]), text(layer["password"])]));
  return {
    target: { redisUrl: host ? `redis://${host}:${port}${db}` : "redis (the client passed in)", key },
    redactor,
  };
}

/** `redis://host:port/db` without user name or password: what errors show of the URL. */
export function displayUrl(url: URL): string {
  const db = url.pathname && url.pathname !== "/" ? url.pathname : "";
  return `${url.protocol}//${url.hostname}:${url.port || "6379"}${db}`;
}

/** The client's redaction of the credentials, raw and decoded: a library may quote either. */
function redactorOf(credentials: readonly string[]): Redactor {
  const redactor = createRedactor();
  for (const value of credentials) {
    redactor.add(value);
    try {
      redactor.add(decodeURIComponent(value));
    } catch {
      // Not percent-encoded: the raw value is enough.
    }
  }
  return redactor;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}
