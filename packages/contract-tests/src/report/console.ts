import type { CaseResult } from "../checks/case.js";
import type { RunReport } from "../run/run-suite.js";
import { totalsOf, type GroupResult, type Totals } from "../run/runner.js";
import { formatNote, formatViolation, type Violation } from "./violation.js";

const labels = { failed: "FAIL", passed: "PASS", skipped: "SKIP", reported: "PASS" } as const;

/** The counts of a group or run, in the order a reader wants them: `12 passed, 1 failed, 3 reported`. */
export function formatTotals(totals: Totals, { always = false } = {}): string {
  const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
  if (always || totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
  if (always || totals.reported > 0) parts.push(`${totals.reported} reported`);
  return parts.join(", ");
}

/** The first line of a run: what is held to what. */
export function formatHeader(report: Pick<RunReport, "target" | "specPath">, version: string): string {
  const { target } = report;
  const mode =
    target.kind === "prism"
      ? "the Prism mock of the spec"
      : `live server ${target.baseUrl} (${target.allowWrites ? "writes allowed" : "read-only"}, ${target.strict ? "strict: our decisions too" : "held to what Gong documents"}, ${target.requestsPerSecond === undefined ? "unpaced" : `${target.requestsPerSecond} requests/s`})`;
  return `gong-flows-contract ${version}: ${mode}; spec ${report.specPath}; ${target.numRuns} runs per property, seed ${target.seed}`;
}

/** Writes a run as a CI log reads it, group by group as they end (see {@link formatRun}). */
export interface ConsoleReporter {
  /** The first line: what is held to what. */
  header(report: Pick<RunReport, "target" | "specPath">): void;
  /** A group's block, once its last case has ended. */
  group(group: GroupResult): void;
  /** The notes, each once, and the final counts. */
  end(report: RunReport): void;
}

/** A reporter writing to `write` (standard output, in the command-line runner). */
export function createConsoleReporter(write: (text: string) => void, version: string): ConsoleReporter {
  // Every distinct violation is printed once: a wrong answer breaks many checks the same way.
  const seen = new Set<string>();
  return {
    header: (report) => write(`${formatHeader(report, version)}\n\n`),
    group: (group) => write(`${formatGroup(group, seen).join("\n")}\n`),
    end: (report) => {
      const lines: string[] = [];
      const notes = new Set<string>();
      for (const result of report.groups.flatMap((group) => group.cases))
        for (const note of result.notes) notes.add(formatNote(note));
      if (notes.size > 0) {
        lines.push(
          "",
          "Notes: what the live server did against the project's own decisions (not failures; --strict makes them so):",
        );
        for (const note of notes) lines.push(`  - ${note}`);
      }
      lines.push("", formatTotals(report.totals));
      write(`${lines.join("\n")}\n`);
    },
  };
}

/**
 * The run as a CI log reads it: one line per group with its verdict and counts; under a failed group
 * each failed case with its violations, every distinct violation printed once; the counterexample of
 * a property-based check, shrunk, with the seed to reproduce it; the reasons cases were skipped, each
 * once, and what a live server did with each case of a decision (reported); notes once each; and a
 * final `N passed, N failed` line.
 */
export function formatRun(report: RunReport, version: string): string {
  let text = "";
  const reporter = createConsoleReporter((chunk) => (text += chunk), version);
  reporter.header(report);
  for (const group of report.groups) reporter.group(group);
  reporter.end(report);
  return text;
}

const violationKey = (v: Violation) => `${v.operation} ${v.status ?? ""} ${v.where} ${v.expected} ${v.actual}`;

function formatGroup(group: GroupResult, seen: Set<string>): string[] {
  const totals = totalsOf(group.cases);
  const verdict =
    totals.failed > 0 ? "failed" : totals.passed + totals.reported === 0 && totals.skipped > 0 ? "skipped" : "passed";
  const lines = [`${labels[verdict]}  ${group.title}  (${formatTotals(totals)})`];
  for (const result of group.cases.filter((c) => c.verdict === "failed")) lines.push(...formatFailure(result, seen));
  const reasons = (verdict: CaseResult["verdict"]) => {
    const byReason = new Map<string, number>();
    for (const result of group.cases)
      if (result.verdict === verdict && result.reason)
        byReason.set(result.reason, (byReason.get(result.reason) ?? 0) + 1);
    return byReason;
  };
  for (const [reason, count] of reasons("skipped"))
    lines.push(`      skipped${count > 1 ? ` (${count})` : ""}: ${reason}`);
  for (const result of group.cases.filter((c) => c.verdict === "reported"))
    lines.push(`      reported: ${result.name}: ${result.reason ?? ""}`);
  return lines;
}

function formatFailure(result: CaseResult, seen: Set<string>): string[] {
  const lines = [`      ✗ ${result.name}`];
  const example = result.counterexample;
  if (example) {
    lines.push(
      `        counterexample${example.shrunk ? " (shrunk)" : " (not shrunk: live target)"} after ${example.runs} run(s): ${example.input}`,
    );
    lines.push(`        reproduce: --seed ${example.seed} (fast-check path ${JSON.stringify(example.path)})`);
  }
  let repeated = 0;
  for (const violation of result.violations) {
    const id = violationKey(violation);
    if (seen.has(id)) {
      repeated++;
      continue;
    }
    seen.add(id);
    lines.push(`        ${formatViolation(violation)}`);
  }
  if (repeated > 0) lines.push(`        (and ${repeated} violation(s) already shown above)`);
  return lines;
}
