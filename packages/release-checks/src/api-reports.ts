import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GateFailure } from "./gate.js";
import { fileAtCommit, git } from "./git.js";
import { type Bump, changesetsSince, strongestBump } from "./pending-changesets.js";

/** A published package's API report (`packages/<dir>/review/<name>.api.md`) that differs from the base. */
export interface ApiReportChange {
  /** The report, relative to the repository root. */
  readonly file: string;
  readonly packageName: string;
  /** `changed`: its text differs; `removed`: the base had it and the work tree does not. */
  readonly kind: "changed" | "removed";
  /** The strongest bump of the package that the changesets added since the base ask for. */
  readonly bump: Bump;
}

const reportPath = /^packages\/([^/]+)\/review\/[^/]+\.api\.md$/;

/** The API reports of the work tree, committed or not. */
async function workTreeReports(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of await readdir(join(root, "packages")).catch(() => [])) {
    const names = await readdir(join(root, "packages", dir, "review")).catch(() => []);
    for (const name of names) if (name.endsWith(".api.md")) found.push(`packages/${dir}/review/${name}`);
  }
  return found;
}

/** The API reports at `commit`. */
async function baseReports(root: string, commit: string): Promise<string[]> {
  const listing = await git(root, ["ls-tree", "-r", "--name-only", commit, "--", "packages"]);
  return listing.split("\n").filter((path) => reportPath.test(path));
}

/** The package that a report belongs to, from its folder's `package.json` (in the work tree, else at the base). */
async function packageOf(root: string, commit: string, report: string): Promise<string> {
  const manifest = `packages/${reportPath.exec(report)?.[1]}/package.json`;
  const text =
    (await readFile(join(root, manifest), "utf8").catch(() => undefined)) ??
    (await fileAtCommit(root, commit, manifest));
  const name = text ? (JSON.parse(text) as { name?: unknown }).name : undefined;
  if (typeof name !== "string") throw new Error(`${manifest}: no package name for the API report ${report}`);
  return name;
}

const normalized = (text: string) => text.replace(/\r\n/g, "\n");

/**
 * The API reports that changed since the base, each with the bump its package's new changesets ask
 * for. A report the base did not have is not a change of the package's surface (the record is new,
 * the API is not), so only changed and removed reports count.
 */
export async function changedApiReports(root: string, baseCommit: string): Promise<ApiReportChange[]> {
  const current = new Set(await workTreeReports(root));
  const changes: ApiReportChange[] = [];
  for (const file of await baseReports(root, baseCommit)) {
    const before = await fileAtCommit(root, baseCommit, file);
    const after = current.has(file) ? await readFile(join(root, file), "utf8") : undefined;
    if (before !== undefined && after !== undefined && normalized(before) === normalized(after)) continue;
    const packageName = await packageOf(root, baseCommit, file);
    const bump = strongestBump(await changesetsSince(root, baseCommit, packageName));
    changes.push({ file, packageName, kind: after === undefined ? "removed" : "changed", bump });
  }
  return changes;
}

/** The rule for API reports: a package whose report changed is released by a changeset added since the base. */
export function judgeApiReports(changes: readonly ApiReportChange[]): GateFailure[] {
  return changes
    .filter((change) => change.bump === "none")
    .map((change) => ({
      rule: "api-change-needs-changeset" as const,
      message:
        `The public API of ${change.packageName} changed (${change.file} ${change.kind}), but no changeset ` +
        `added since the base releases ${change.packageName}. Users see the change only through a release: ` +
        `run \`pnpm changeset\`, pick ${change.packageName} and say what changed in its API.`,
    }));
}
