import readChangesets from "@changesets/read";
import { fileNamesAtCommit } from "./git.js";

/** The version bumps a changeset can ask for, weakest first. */
export const bumps = ["none", "patch", "minor", "major"] as const;
/** A version bump a changeset asks for. */
export type Bump = (typeof bumps)[number];

/** A changeset added since the base that names the package. */
export interface PackageChangeset {
  /** Its file, relative to the repository root, for example `.changeset/brave-owls-sing.md`. */
  readonly file: string;
  readonly bump: Bump;
  /** The first line of its summary, for the report. */
  readonly summary: string;
}

/**
 * The pending changesets (in `.changeset/` of the work tree, committed or not) that were not already
 * pending at the base and that release `packageName`.
 *
 * Only changesets added since the base count: a change must bring its own changeset, not lean on one
 * that another change left pending. With the latest release tag as the base, this is every changeset
 * of the coming release, since `changeset version` consumes them all.
 */
export async function changesetsSince(
  root: string,
  baseCommit: string,
  packageName: string,
): Promise<PackageChangeset[]> {
  const atBase = new Set(await fileNamesAtCommit(root, baseCommit, ".changeset"));
  const pending = await readChangesets(root);
  const result: PackageChangeset[] = [];
  for (const changeset of pending) {
    const fileName = `${changeset.id}.md`;
    if (atBase.has(fileName)) continue;
    const release = changeset.releases.find((entry) => entry.name === packageName);
    if (!release) continue;
    result.push({
      file: `.changeset/${fileName}`,
      bump: release.type,
      summary: changeset.summary.trim().split("\n")[0] ?? "",
    });
  }
  return result;
}

/** The strongest bump among `changesets` (changesets combine into one release of the strongest kind). */
export function strongestBump(changesets: readonly PackageChangeset[]): Bump {
  let strongest: Bump = "none";
  for (const { bump } of changesets) if (bumps.indexOf(bump) > bumps.indexOf(strongest)) strongest = bump;
  return strongest;
}
