import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ApiReportChange, changedApiReports, judgeApiReports } from "./api-reports.js";
import { resolveBase, type Base } from "./base-ref.js";
import { judge, type GateFailure } from "./gate.js";
import { fileAtCommit, repositoryRoot } from "./git.js";
import { changesetsSince, strongestBump, type Bump, type PackageChangeset } from "./pending-changesets.js";
import { compareSpecs, type SpecComparison } from "./spec-changes.js";

/** Options of {@link runSpecDiff}; every path is relative to the repository root. */
export interface SpecDiffOptions {
  /** Any folder inside the repository. Default: the current directory. */
  readonly cwd?: string;
  /** The git ref to compare with. Default: see {@link resolveBase}. */
  readonly base?: string | undefined;
  /** Default `spec/openapi.yaml`. */
  readonly specPath?: string;
  /** The published package the spec is released in. Default `@gong-flows/client`. */
  readonly packageName?: string;
  /** Its folder, where its `package.json` gives the current version. Default `packages/client`. */
  readonly packageDir?: string;
  /** The branch releases are made from. Default `main`. */
  readonly mainBranch?: string;
}

/** Everything the gate found, for {@link renderReport} and for tests. */
export interface SpecDiffResult {
  readonly specPath: string;
  readonly packageName: string;
  readonly currentVersion: string;
  readonly base: Base;
  readonly comparison: SpecComparison;
  readonly changesets: readonly PackageChangeset[];
  readonly bump: Bump;
  /** The published packages' API reports that changed since the base, with their packages' bumps. */
  readonly apiReports: readonly ApiReportChange[];
  readonly failures: readonly GateFailure[];
}

/**
 * Compares the spec in the work tree with its version at the base, reads the changesets added since,
 * and applies the gate's two rules (see {@link judge}); then does the same for the API reports of the
 * published packages (see {@link judgeApiReports}).
 */
export async function runSpecDiff(options: SpecDiffOptions = {}): Promise<SpecDiffResult> {
  const root = await repositoryRoot(options.cwd ?? process.cwd());
  const specPath = options.specPath ?? "spec/openapi.yaml";
  const packageName = options.packageName ?? "@gong-flows/client";
  const packageDir = options.packageDir ?? "packages/client";

  const base = await resolveBase(root, options.base, { packageName, mainBranch: options.mainBranch ?? "main" });
  const manifest = JSON.parse(await readFile(join(root, packageDir, "package.json"), "utf8")) as { version?: string };
  const currentVersion = manifest.version ?? "0.0.0";

  const comparison = await compareSpecs(await fileAtCommit(root, base.commit, specPath), join(root, specPath));
  const changesets = await changesetsSince(root, base.commit, packageName);
  const bump = strongestBump(changesets);
  const failures = judge({
    specChanged: comparison.changed,
    breaking: comparison.changes.some((change) => change.breaking),
    bump,
    currentVersion,
    packageName,
  });
  const apiReports = await changedApiReports(root, base.commit);
  failures.push(...judgeApiReports(apiReports));
  return { specPath, packageName, currentVersion, base, comparison, changesets, bump, apiReports, failures };
}
