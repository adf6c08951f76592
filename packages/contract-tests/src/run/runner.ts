import type { CaseResult, CheckGroup } from "../checks/case.js";

/** The results of one group, in the order its cases are defined. */
export interface GroupResult {
  /** The group's id, as `RunOptions.groups` takes it: `spec`, `responses`, `negative-data`… */
  id: string;
  /** The group's title, as the report prints it. */
  title: string;
  /** Every case of the group, in the order they ran. */
  cases: CaseResult[];
}

/** Counts of a run or a group by verdict. */
export interface Totals {
  /** Cases that passed. */
  passed: number;
  /** Cases that failed: the run fails when there is one. */
  failed: number;
  /** Cases not run (for example the unassign operations of a live target without `--allow-writes`). */
  skipped: number;
  /** Cases whose findings are reported without failing: a live server that does not keep one of the project's decisions, without `--strict`. */
  reported: number;
}

/** Options of {@link runGroups}. */
export interface RunGroupsOptions {
  /** Cases of a group run at once; the run's client still paces their requests. Default 4. */
  concurrency?: number | undefined;
  /** Called as each case ends (a progress line, say). */
  onCase?: ((group: CheckGroup, result: CaseResult) => void) | undefined;
  /** Called as each group ends, with all its results. */
  onGroup?: ((group: GroupResult) => void) | undefined;
  /** Stops the run between cases. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs the groups one after the other and the cases of a group a few at a time, and returns every
 * result in definition order (so a report reads the same however the cases interleaved). A case that
 * throws is a failure of that case, with the error as its violation, never the end of the run.
 */
export async function runGroups(groups: readonly CheckGroup[], options: RunGroupsOptions = {}): Promise<GroupResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const results: GroupResult[] = [];
  for (const group of groups) {
    options.signal?.throwIfAborted();
    const cases: CaseResult[] = new Array(group.cases.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < group.cases.length; index = next++) {
        options.signal?.throwIfAborted();
        const definition = group.cases[index]!;
        const started = performance.now();
        let result: CaseResult;
        try {
          result = { name: definition.name, ...(await definition.run()), durationMs: 0 };
        } catch (error) {
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          result = {
            name: definition.name,
            verdict: "failed",
            violations: [
              {
                operation: "suite",
                status: undefined,
                where: "",
                expected: "the check to run",
                actual: message,
                check: definition.name,
              },
            ],
            notes: [],
            durationMs: 0,
          };
        }
        result.durationMs = performance.now() - started;
        cases[index] = result;
        options.onCase?.(group, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, group.cases.length) }, worker));
    const result: GroupResult = { id: group.id, title: group.title, cases };
    results.push(result);
    options.onGroup?.(result);
  }
  return results;
}

/** Counts cases by verdict. */
export function totalsOf(cases: readonly CaseResult[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, reported: 0 };
  for (const result of cases) totals[result.verdict]++;
  return totals;
}
