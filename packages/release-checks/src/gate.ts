import { bumps, type Bump } from "./pending-changesets.js";

/** What the gate knows when it judges a spec edit. */
export interface GateInput {
  /** The spec differs from the base (comments and formatting aside). */
  readonly specChanged: boolean;
  /** At least one change breaks client users. */
  readonly breaking: boolean;
  /** The strongest bump that changesets added since the base ask for the package. */
  readonly bump: Bump;
  /** The package's current version, for example `0.1.0`. */
  readonly currentVersion: string;
  /** For the messages: `@gong-flows/client`. */
  readonly packageName: string;
}

/** One rule the edit breaks, with what to do about it. */
export interface GateFailure {
  readonly rule: "breaking-change-needs-major" | "spec-change-needs-changeset" | "api-change-needs-changeset";
  readonly message: string;
}

/**
 * The bump a breaking change needs: major, or minor while the version is 0.x, where semver lets the
 * minor number carry breaking changes (and `^0.1.0` does not accept `0.2.0`).
 */
export function bumpNeededForBreaking(currentVersion: string): Bump {
  return /^0\./.test(currentVersion) ? "minor" : "major";
}

/**
 * The two rules of the spec gate:
 * 1. a change that breaks client users needs changesets that bump the package by
 *    {@link bumpNeededForBreaking}; and
 * 2. any change to the spec needs a changeset that releases the package at all.
 *
 * Returns the rules broken; none means the edit may go in.
 */
export function judge(input: GateInput): GateFailure[] {
  if (!input.specChanged) return [];
  const failures: GateFailure[] = [];
  const needed = bumpNeededForBreaking(input.currentVersion);
  if (input.breaking && bumps.indexOf(input.bump) < bumps.indexOf(needed)) {
    const why =
      needed === "minor"
        ? `While ${input.packageName} is at ${input.currentVersion} (0.x), a breaking change needs at least a minor bump`
        : `A breaking change needs a major bump of ${input.packageName} (now ${input.currentVersion})`;
    failures.push({
      rule: "breaking-change-needs-major",
      message:
        `The spec change breaks client users, but the changesets added since the base ` +
        (input.bump === "none"
          ? `do not release ${input.packageName}`
          : `bump ${input.packageName} only by ${input.bump}`) +
        `. ${why}: give the changeset the bump "${needed}" and tell users what they must change.`,
    });
  }
  if (input.bump === "none") {
    failures.push({
      rule: "spec-change-needs-changeset",
      message:
        `The spec changed, but no changeset added since the base releases ${input.packageName}. ` +
        `Users regenerate from the published package, so every spec change ships in a release: run ` +
        `\`pnpm changeset\`, pick ${input.packageName} and say what changed for users of the client.`,
    });
  }
  return failures;
}
