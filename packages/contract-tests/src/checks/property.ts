import fc from "fast-check";
import { describeValue } from "../report/describe-value.js";
import { ContractViolationError, formatNote, type Findings, type Note } from "../report/violation.js";
import type { ContractContext } from "../run/context.js";
import type { CaseOutcome } from "./case.js";

/**
 * Runs a property-based check: `numRuns` inputs (fixed seed), the first violation shrunk to a smallest
 * failing input (not on a live server: shrinking sends many more paced requests); notes kept once each.
 */
export async function propertyCase<T>(
  ctx: ContractContext,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<Findings>,
): Promise<CaseOutcome> {
  const notes = new Map<string, Note>();
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      const found = await check(input);
      for (const note of found.notes) notes.set(formatNote(note), note);
      if (found.violations.length > 0) throw new ContractViolationError(found.violations);
    }),
    { ...ctx.propertySettings, endOnFailure: ctx.target.kind === "live" },
  );
  if (!details.failed) return { verdict: "passed", violations: [], notes: [...notes.values()] };
  const error = details.errorInstance;
  const counterexample = {
    input: describeValue(details.counterexample?.[0]),
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    shrunk: ctx.target.kind !== "live",
    runs: details.numRuns,
  };
  if (error instanceof ContractViolationError) {
    return { verdict: "failed", violations: [...error.violations], notes: [...notes.values()], counterexample };
  }
  // Not a violation: the check itself broke (a generator bug, an exception). Report it as is.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    verdict: "failed",
    violations: [
      {
        operation: "suite",
        status: undefined,
        where: "",
        expected: "the check to run",
        actual: ctx.target.redact(message),
        check: "property-based check",
      },
    ],
    notes: [...notes.values()],
    counterexample,
  };
}
