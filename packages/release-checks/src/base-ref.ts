import { commitOf, gitOrUndefined } from "./git.js";

/** The commit the spec is compared with, and why that one. */
export interface Base {
  /** What the user gave or what was chosen, for example `origin/main` or `@gong-flows/client@0.2.0`. */
  readonly ref: string;
  /** The full commit id. */
  readonly commit: string;
  /** A few words for the report: "given with --base", "latest release tag", "merge base with origin/main". */
  readonly reason: string;
}

/** Where to look for the default base. */
export interface DefaultBaseOptions {
  /** The published package whose release tags mark releases, for example `@gong-flows/client`. */
  readonly packageName: string;
  /** The branch releases are made from. Its remote-tracking branch `origin/<name>` is tried first. */
  readonly mainBranch: string;
}

/** Thrown when no base can be found or the one given names no commit. */
export class BaseNotFoundError extends Error {
  override name = "BaseNotFoundError";
}

/**
 * Resolves the `--base` a user gave to a commit, or picks the default: the latest release tag of the
 * package reachable from HEAD (`<package>@<version>`, as `changeset publish` tags releases) when there
 * is one, else the merge base of HEAD with the main branch.
 *
 * A release tag comes first because everything after it is unreleased: the spec as released is what
 * the next version's users are upgrading from.
 */
export async function resolveBase(root: string, given: string | undefined, options: DefaultBaseOptions): Promise<Base> {
  if (given !== undefined) {
    const commit = await commitOf(root, given);
    if (!commit) throw new BaseNotFoundError(`--base ${given} names no commit in this repository (fetch it first?)`);
    return { ref: given, commit, reason: "given with --base" };
  }

  const tag = await gitOrUndefined(root, [
    "describe",
    "--tags",
    "--abbrev=0",
    "--match",
    `${options.packageName}@*`,
    "HEAD",
  ]);
  if (tag) {
    const commit = await commitOf(root, tag);
    if (commit) return { ref: tag, commit, reason: "latest release tag" };
  }

  // CI checkouts have only the remote-tracking branch; a developer's own `main` may lag behind it.
  // merge-base fails, as it should here, on a branch that does not exist.
  for (const branch of [`origin/${options.mainBranch}`, options.mainBranch]) {
    const commit = await gitOrUndefined(root, ["merge-base", "HEAD", branch]);
    if (commit) return { ref: branch, commit, reason: `merge base with ${branch}` };
  }

  throw new BaseNotFoundError(
    `found neither a release tag ${options.packageName}@* nor a branch ${options.mainBranch} or origin/${options.mainBranch} ` +
      "to compare with: pass --base <git-ref>",
  );
}
