import { createMemoryRateLimitStore, defaultOptions, type GongFlowsClientOptions } from "@gong-flows/client";
import { type Command, Option } from "commander";
import type { InputFormat } from "../input/read-id-file.js";
import type { CliIo } from "./cli-io.js";
import { UsageError } from "./exit-codes.js";
import { parseRedisUrl, parseRedisWaitMs, parseRps, parseTimeoutMs } from "./options.js";
import { openSharedRateLimit, sharedRateLimitKey } from "./redis-store.js";

/** The flags of every command that calls Gong. */
export interface RunFlags {
  rps: number;
  baseUrl?: string;
  timeoutMs?: number;
  redis?: string;
  redisKey?: string;
  redisWaitMs?: number;
  progress: boolean;
}

/** The flags of every command that reads an id file. */
export interface InputFlags {
  column?: string;
  inputFormat: InputFormat;
}

/** Adds the options of every command that calls Gong. */
export function runOptions(command: Command): Command {
  return command
    .option(
      "--base-url <url>",
      "Gong's API base URL, e.g. your OAuth app's customer-specific one (default: GONG_BASE_URL, else https://api.gong.io)",
    )
    .addOption(
      new Option("--rps <n>", "client-side rate limit in calls per second; 0 turns it off (a local mock)")
        .argParser(parseRps)
        .default(defaultOptions.requestsPerSecond),
    )
    .addOption(
      new Option(
        "--timeout-ms <n>",
        `time allowed for each call's answer, in ms (default ${defaultOptions.timeoutMs}); also how long Gong may still work on a request that got none`,
      ).argParser(parseTimeoutMs),
    )
    .option(
      "--redis <url>",
      "share the rate limit with other processes through Redis (or GONG_FLOWS_REDIS_URL); no password in the flag",
    )
    .option(
      "--redis-key <key>",
      "the Redis key of the shared limit (every process sharing one quota uses the same; default: one derived from the Gong account)",
    )
    .addOption(
      new Option(
        "--redis-wait-ms <n>",
        "how long a call waits for an unreachable Redis before the run stops, in ms (default: the store's, 10 s)",
      ).argParser(parseRedisWaitMs),
    )
    .option("--no-progress", "no progress bar or progress lines");
}

/** Adds the options of every command that reads an id file. */
export function inputOptions(command: Command): Command {
  return command
    .option(
      "--column <name>",
      "the CSV column (or JSON property) with the ids (default crmProspectId / flowInstanceId)",
    )
    .addOption(
      new Option("--input-format <format>", "how the input file is laid out")
        .choices(["auto", "lines", "csv", "json"])
        .default("auto"),
    );
}

/** The client's options for a run, and how to release what they hold (a Redis connection). */
export interface RunClientOptions {
  readonly options: GongFlowsClientOptions;
  readonly close: () => Promise<void>;
}

/**
 * The client's options for this run, once the environment holds credentials: said in the terms of the
 * command line (which variables to set), not the library's.
 */
export async function clientOptions(
  flags: RunFlags,
  io: CliIo,
  err: (text: string) => void,
): Promise<RunClientOptions> {
  requireCredentials(io.env);
  const base = flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl };
  const timeout = flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs };
  const { options, close } = await rateLimitOptions(flags, io, err);
  return { options: { ...base, ...timeout, ...options }, close };
}

/** Credentials in the environment, or a usage error that names the variables to set. */
export function requireCredentials(env: NodeJS.ProcessEnv): void {
  const given = (name: string) => (env[name] ?? "").trim() !== "";
  if (!given("GONG_ACCESS_KEY") && !given("GONG_ACCESS_KEY_SECRET") && !given("GONG_BEARER_TOKEN")) {
    throw new UsageError(
      "no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (or GONG_BEARER_TOKEN for an OAuth app) in the environment",
    );
  }
}

async function rateLimitOptions(flags: RunFlags, io: CliIo, err: (text: string) => void): Promise<RunClientOptions> {
  const redisUrl = parseRedisUrl(flags.redis, io.env["GONG_FLOWS_REDIS_URL"]);
  if (flags.rps === 0) {
    if (redisUrl !== undefined)
      throw new UsageError("--rps 0 turns the rate limit off, so there is nothing to share through --redis");
    return { options: { rateLimit: false }, close: async () => {} };
  }
  if (redisUrl === undefined) {
    if (flags.redisKey !== undefined)
      throw new UsageError(
        "--redis-key names the key of a rate limit shared through Redis: give --redis (or GONG_FLOWS_REDIS_URL) too",
      );
    if (flags.redisWaitMs !== undefined)
      throw new UsageError(
        "--redis-wait-ms bounds the wait for a Redis that shares the rate limit: give --redis (or GONG_FLOWS_REDIS_URL) too",
      );
    // One store for every client of the run (the flow lookup's, the job's): one limit, not one each.
    const store = createMemoryRateLimitStore();
    return { options: { rateLimit: { requestsPerSecond: flags.rps, store } }, close: async () => {} };
  }
  const shared = await openSharedRateLimit(redisUrl, flags.redisKey ?? sharedRateLimitKey(io.env), {
    unavailableTimeoutMs: flags.redisWaitMs,
  });
  err(
    `gong-flows: sharing the rate limit of ${flags.rps} call(s)/s through Redis at ${shared.redisUrl}, key ${shared.key}`,
  );
  return { options: { rateLimit: { requestsPerSecond: flags.rps, store: shared.store } }, close: shared.close };
}
