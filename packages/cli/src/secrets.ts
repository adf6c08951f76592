import { createRedactor, type GongFlowsClientOptions } from "@gong-flows/client";

/**
 * The secrets this process knows of (Gong credentials, given or from the environment, the Basic header,
 * a bearer token, a Redis URL's password): everything the CLI writes passes through {@link redactor} with
 * them, so that a secret quoted upstream (a proxy's error, a response) never reaches a file or a terminal.
 */
export function knownSecrets(
  options: { auth?: GongFlowsClientOptions["auth"]; redisUrl?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): string[] {
  const env = options.env ?? process.env;
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed !== undefined && trimmed !== "") secrets.push(trimmed);
  };
  const pairs: [string | undefined, string | undefined][] = [[env["GONG_ACCESS_KEY"], env["GONG_ACCESS_KEY_SECRET"]]];
  const tokens = [env["GONG_BEARER_TOKEN"]];
  if (options.auth !== undefined) {
    // A token function's tokens are the client's to redact (it sees each one); a fixed token is known here.
    if ("bearerToken" in options.auth)
      tokens.push(typeof options.auth.bearerToken === "string" ? options.auth.bearerToken : undefined);
    else pairs.push([options.auth.accessKey, options.auth.accessKeySecret]);
  }
  for (const [key, secret] of pairs) {
    add(secret);
    if (key !== undefined && secret !== undefined)
      add(Buffer.from(`${key.trim()}:${secret.trim()}`).toString("base64"));
  }
  for (const token of tokens) add(token);
  for (const url of [options.redisUrl, env["GONG_FLOWS_REDIS_URL"]]) {
    add(passwordOf(url));
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the secrets in a text — as is, base64-encoded or percent-encoded — with
 * `[REDACTED]`: the client's redaction.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const redaction = createRedactor();
  for (const secret of secrets) redaction.add(secret);
  return (text) => redaction.text(text);
}

/** The password in a URL's user-info, if any (decoded). */
export function passwordOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const password = new URL(url).password;
    return password === "" ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}

/** A URL with any user-info removed, for messages and the journal. */
export function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(a URL that does not parse)";
  }
}
