import type { CaseResult } from "../checks/case.js";
import type { RunReport } from "../run/run-suite.js";
import { totalsOf } from "../run/runner.js";
import { formatNote, formatViolation } from "./violation.js";

// Written here rather than with a JUnit builder library: the ones on npm cannot give <skipped> its
// `message`, which is where GitHub's and GitLab's renderers show why a case did not count.

/** Characters XML 1.0 cannot carry at all (most control characters); replaced, never emitted. */
const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlEscape(text: string): string {
  return text
    .replace(invalidXml, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * The run as a JUnit XML report (the format GitHub's and GitLab's test reports and Jenkins read): one
 * `<testsuite>` per group, one `<testcase>` per case. A failed case carries a `<failure>` listing its
 * violations (and its counterexample and seed); a case that did not apply, or that a live server was
 * only reported on (one of the project's own decisions), carries `<skipped message="why">`, and the
 * latter also the property `gong-flows.outcome=reported`. Notes go to the case's `<system-out>`.
 */
export function junitXml(report: RunReport): string {
  const { totals } = report;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="gong-flows-contract" tests="${report.groups.reduce((n, g) => n + g.cases.length, 0)}" failures="${totals.failed}" errors="0" skipped="${totals.skipped + totals.reported}" time="${seconds(report.durationMs)}">`,
  );
  const target = report.target;
  for (const group of report.groups) {
    const groupTotals = totalsOf(group.cases);
    const time = group.cases.reduce((sum, c) => sum + c.durationMs, 0);
    out.push(
      `  <testsuite name="${xmlEscape(group.title)}" id="${xmlEscape(group.id)}" tests="${group.cases.length}" failures="${groupTotals.failed}" errors="0" skipped="${groupTotals.skipped + groupTotals.reported}" time="${seconds(time)}">`,
      "    <properties>",
      `      <property name="target" value="${xmlEscape(`${target.kind} ${target.baseUrl}`)}"/>`,
      `      <property name="strict" value="${target.strict}"/>`,
      `      <property name="seed" value="${target.seed}"/>`,
      `      <property name="spec" value="${xmlEscape(report.specPath)}"/>`,
      "    </properties>",
    );
    for (const result of group.cases) out.push(...testcase(group.id, result));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function testcase(groupId: string, result: CaseResult): string[] {
  const open = `    <testcase classname="gong-flows-contract.${xmlEscape(groupId)}" name="${xmlEscape(result.name)}" time="${seconds(result.durationMs)}"`;
  const body: string[] = [];
  if (result.verdict === "reported") {
    body.push(
      "      <properties>",
      '        <property name="gong-flows.outcome" value="reported"/>',
      "      </properties>",
    );
  }
  if (result.verdict === "failed") {
    const lines = result.violations.map(formatViolation);
    const example = result.counterexample;
    if (example) {
      lines.unshift(
        `counterexample${example.shrunk ? " (shrunk)" : ""}: ${example.input}`,
        `reproduce: --seed ${example.seed} (fast-check path ${JSON.stringify(example.path)})`,
      );
    }
    const noun = result.violations.length === 1 ? "violation" : "violations";
    body.push(
      `      <failure message="${xmlEscape(`${result.violations.length} contract ${noun}: ${result.violations[0] ? formatViolation(result.violations[0]) : ""}`)}" type="ContractViolation">${xmlEscape(lines.join("\n"))}</failure>`,
    );
  }
  if (result.verdict === "skipped" || result.verdict === "reported")
    body.push(`      <skipped message="${xmlEscape(result.reason ?? "")}"/>`);
  const notes = [
    ...(result.verdict === "passed" && result.reason ? [result.reason] : []),
    ...result.notes.map(formatNote),
  ];
  if (notes.length > 0) body.push(`      <system-out>${xmlEscape(notes.join("\n"))}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, "    </testcase>"];
}
