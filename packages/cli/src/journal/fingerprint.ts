import { createHash } from "node:crypto";
import type { JobDescription } from "./records.js";

/**
 * The SHA-256 of a job's input: the distinct ids sorted (so a reordered file is the same job), each
 * with its prospect when the input gives one.
 */
export function inputDigest(entries: readonly { id: string; crmProspectId?: string | undefined }[]): string {
  const lines = entries.map((e) => (e.crmProspectId === undefined ? e.id : `${e.id}\t${e.crmProspectId}`)).sort();
  const hash = createHash("sha256");
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest("hex");
}

/** The fingerprint of a job: SHA-256 of its description with the file name left out (a renamed file is the same job). */
export function jobFingerprint(job: JobDescription): string {
  const canonical = {
    mode: job.mode,
    input: { count: job.input.count, sha256: job.input.sha256 },
    flowIds: [...job.flowIds].sort(),
    statuses: [...job.statuses].sort(),
    strategy: job.strategy,
    baseUrl: job.baseUrl,
    unassignedByUserEmail: job.unassignedByUserEmail ?? null,
    // Only an assign job has these: an unassign journal keeps the fingerprint it was written with.
    ...(job.operation === undefined
      ? {}
      : { operation: job.operation, flowInstanceOwnerEmail: job.flowInstanceOwnerEmail ?? null }),
  };
  return `sha256:${createHash("sha256").update(JSON.stringify(canonical)).digest("hex")}`;
}

/**
 * What differs between the job a journal was written for and the job asked for now, in words, for
 * the message that refuses the journal. Empty when they are the same job.
 */
export function jobDifferences(journal: JobDescription, now: JobDescription): string[] {
  const out: string[] = [];
  if ((journal.operation ?? "unassign") !== (now.operation ?? "unassign"))
    out.push(`command: the journal's is ${journal.operation ?? "unassign"}, this run's ${now.operation ?? "unassign"}`);
  if ((journal.flowInstanceOwnerEmail ?? "") !== (now.flowInstanceOwnerEmail ?? "")) out.push("--owner differs");
  const list = (values: readonly string[]) => (values.length === 0 ? "(none)" : [...values].sort().join(","));
  if (journal.mode !== now.mode) out.push(`input kind: the journal's is --${journal.mode}, this run's --${now.mode}`);
  if (journal.input.sha256 !== now.input.sha256) {
    out.push(
      `input ids: the journal's are ${journal.input.count} id(s) from ${journal.input.file}, this run's ${now.input.count} id(s) from ${now.input.file}, and they differ`,
    );
  }
  if (list(journal.flowIds) !== list(now.flowIds))
    out.push(`--flow: the journal's is ${list(journal.flowIds)}, this run's ${list(now.flowIds)}`);
  if (list(journal.statuses) !== list(now.statuses))
    out.push(`--status: the journal's is ${list(journal.statuses)}, this run's ${list(now.statuses)}`);
  if (journal.strategy !== now.strategy)
    out.push(`--strategy: the journal's is ${journal.strategy}, this run's ${now.strategy}`);
  if (journal.baseUrl !== now.baseUrl)
    out.push(`Gong's base URL: the journal's is ${journal.baseUrl}, this run's ${now.baseUrl}`);
  if ((journal.unassignedByUserEmail ?? "") !== (now.unassignedByUserEmail ?? "")) out.push("--unassigned-by differs");
  return out;
}
