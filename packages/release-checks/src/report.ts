import type { SpecDiffResult } from "./spec-diff.js";
import type { Severity } from "./spec-changes.js";

const labels: Record<Severity, string> = {
  error: "BREAKING",
  warning: "BREAKING?",
  info: "compatible",
};

/** The gate's findings as a reviewer reads them: what changed, which changesets cover it, the verdict. */
export function renderReport(result: SpecDiffResult): string {
  const { base, comparison } = result;
  const lines = [`${result.specPath} compared with ${base.ref} (${base.reason}, ${base.commit.slice(0, 10)})`, ""];

  if (!comparison.changed) {
    lines.push("The spec has not changed.");
  } else if (comparison.newSpec) {
    lines.push("The spec is new since the base: every operation in it is an addition.");
  } else if (comparison.changes.length === 0) {
    lines.push("The spec changed only where oasdiff reports no API change (descriptions, examples, metadata).");
  } else {
    const breaking = comparison.changes.filter((change) => change.breaking).length;
    lines.push(`API changes (${comparison.changes.length}, ${breaking} breaking for client users):`);
    const width = Math.max(...Object.values(labels).map((label) => label.length));
    for (const change of comparison.changes) {
      // A change oasdiff grades as information can still break typed users (a removed schema).
      const label = (change.breaking && change.severity === "info" ? labels.error : labels[change.severity]).padEnd(
        width,
      );
      lines.push(`  ${label}  ${change.operation ?? "(whole API)"}`);
      lines.push(`  ${" ".repeat(width)}  ${change.text}  [${change.id}]`);
      if (change.comment) lines.push(`  ${" ".repeat(width)}  ${change.comment}`);
    }
    if (comparison.changes.some((change) => change.severity === "warning")) {
      lines.push(
        "",
        `(BREAKING? marks what oasdiff calls potentially breaking; for typed client users it is breaking.)`,
      );
    }
    if (comparison.changes.some((change) => change.breaking && change.severity === "info")) {
      lines.push(
        "",
        "(A removed or renamed schema breaks code that names it in the client's exported `components` type.)",
      );
    }
  }

  if (comparison.changed) {
    lines.push("");
    if (result.changesets.length === 0) {
      lines.push(`No changeset added since the base releases ${result.packageName}.`);
    } else {
      lines.push(`Changesets added since the base for ${result.packageName} (now ${result.currentVersion}):`);
      for (const changeset of result.changesets) {
        lines.push(`  ${changeset.bump.padEnd(5)}  ${changeset.file}  ${changeset.summary}`);
      }
    }
  }

  if (result.apiReports.length > 0) {
    lines.push("", "Public API reports changed since the base:");
    for (const change of result.apiReports) {
      const cover =
        change.bump === "none"
          ? `no changeset releases ${change.packageName}`
          : `${change.bump} release of ${change.packageName}`;
      lines.push(`  ${change.kind.padEnd(7)}  ${change.file}  (${cover})`);
    }
  }

  lines.push("");
  if (result.failures.length === 0) {
    const apiCovered = result.apiReports.length > 0 ? " The changesets cover every changed API report." : "";
    lines.push(
      comparison.changed
        ? `OK: the ${result.bump} release of ${result.packageName} covers the spec change.${apiCovered}`
        : `OK: ${apiCovered ? apiCovered.trim() : "nothing to release."}`,
    );
  } else {
    for (const failure of result.failures) lines.push(`FAILED [${failure.rule}] ${failure.message}`);
  }
  return lines.join("\n");
}
