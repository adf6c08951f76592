// Runs a group of the contract suite as vitest tests: one test per case, the same cases the
// command-line runner runs. A failed case throws its report (violations, counterexample and seed); a
// case that does not apply is skipped with its reason; what a live server did with a case of the
// project's decisions, and any note, is attached to the test as an annotation.
import { describe, it } from "vitest";
import type { CaseOutcome, CheckGroup } from "../../src/checks/case.js";
import { formatNote, formatReport } from "../../src/report/violation.js";

/** The failure message of a failed case. */
export function failureMessage(outcome: CaseOutcome): string {
  const example = outcome.counterexample;
  const head = example
    ? [
        `counterexample${example.shrunk ? " (shrunk)" : ""}: ${example.input}`,
        `reproduce: CONTRACT_SEED=${example.seed} (fast-check path ${JSON.stringify(example.path)})`,
      ]
    : [];
  return [...head, formatReport(outcome.violations)].join("\n");
}

/** Defines the group's tests; `concurrent` for groups whose cases are independent requests. */
export function defineGroupTests(group: CheckGroup, { concurrent = false } = {}): void {
  (concurrent ? describe.concurrent : describe)(group.title, () => {
    for (const definition of group.cases) {
      it(definition.name, async (context) => {
        const outcome = await definition.run();
        for (const note of outcome.notes) await context.annotate(formatNote(note), "note");
        if (outcome.verdict === "skipped") return context.skip(outcome.reason);
        if (outcome.reason) await context.annotate(outcome.reason, outcome.verdict);
        if (outcome.verdict === "failed") throw new Error(failureMessage(outcome));
      });
    }
  });
}
