import { basename, extname, resolve } from "node:path";
import { validateRequestBody } from "@gong-flows/client";
import { passwordOf } from "../secrets.js";
import { UsageError } from "./exit-codes.js";

/** `--rps N`: a positive number of calls per second, or 0 for no client-side limit. */
export function parseRps(value: string): number {
  const rps = Number(value);
  if (value.trim() === "" || !Number.isFinite(rps) || rps < 0)
    throw new UsageError(`--rps must be a number of calls per second, 0 for no limit (got ${JSON.stringify(value)})`);
  return rps;
}

/** A flag's whole number of `unit`, 1 or more. */
function parseWholeNumber(flag: string, unit: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag} must be a whole number of ${unit}, 1 or more (got ${JSON.stringify(value)})`);
    }
    return n;
  };
}

/** `--daily-budget N`: calls allowed per UTC day across the runs of a journal. */
export const parseDailyBudget = parseWholeNumber("--daily-budget", "calls");

/** `--timeout-ms N`: the client's time allowed for each call's answer. */
export const parseTimeoutMs = parseWholeNumber("--timeout-ms", "milliseconds");

/** `--redis-wait-ms N`: how long a call waits for an unreachable Redis (the store's `unavailableTimeoutMs`). */
export const parseRedisWaitMs = parseWholeNumber("--redis-wait-ms", "milliseconds");

/** `--unassigned-by EMAIL`, checked against the spec's rule for `unassignedByUserEmail`. */
export function parseEmail(value: string): string {
  const issue = validateRequestBody("unassignFlowsByFlowInstanceIds", {
    flowInstanceIds: ["0"],
    unassignedByUserEmail: value,
  })[0];
  if (issue !== undefined) throw new UsageError(`--unassigned-by ${JSON.stringify(value)}: ${issue.message}`);
  return value;
}

/** `--owner EMAIL`, checked against the spec's rule for `flowInstanceOwnerEmail` (the same as `flowOwnerEmail`'s). */
export function parseOwnerEmail(value: string): string {
  const issue = validateRequestBody("assignProspects", {
    crmProspectsIds: ["0"],
    flowId: "0",
    flowInstanceOwnerEmail: value,
  })[0];
  if (issue !== undefined) throw new UsageError(`--owner ${JSON.stringify(value)}: ${issue.message}`);
  return value;
}

/**
 * `--redis URL` (or `GONG_FLOWS_REDIS_URL`). A password in the flag is refused: a flag shows in the
 * process list and the shell's history, and the CLI prints its own command line to resume a job.
 * Put such a URL in `GONG_FLOWS_REDIS_URL` instead.
 */
export function parseRedisUrl(flag: string | undefined, env: string | undefined): string | undefined {
  if (flag !== undefined && passwordOf(flag) !== undefined) {
    throw new UsageError(
      "--redis must not carry a password (it would show in the process list, the shell's history and the resume command); set GONG_FLOWS_REDIS_URL instead",
    );
  }
  const url = flag ?? env;
  if (url === undefined || url.trim() === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `${flag !== undefined ? "--redis" : "GONG_FLOWS_REDIS_URL"} is not a URL (expected redis://host:port or rediss://…)`,
    );
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new UsageError(
      `${flag !== undefined ? "--redis" : "GONG_FLOWS_REDIS_URL"} must be a redis:// or rediss:// URL`,
    );
  }
  return url;
}

/** Where the report and the journal go when not given: beside each other, named after the input. */
export function defaultPaths(input: string, cwd: string, dryRun: boolean): { report: string } {
  const name = basename(input, extname(input)) || "gong-flows";
  return { report: resolve(cwd, `${name}.gong-flows-${dryRun ? "plan" : "report"}.json`) };
}

/** The journal beside a report: the report's name without `.json`/`.csv`, plus `.journal.jsonl`. */
export function journalBeside(report: string): string {
  const extension = extname(report).toLowerCase();
  const stem = extension === ".json" || extension === ".csv" ? report.slice(0, -extension.length) : report;
  return `${stem}.journal.jsonl`;
}
