import { resolve } from "node:path";
import { defaultPaths, journalBeside } from "./options.js";
import type { NamedPath } from "./output-paths.js";

/** Where a job writes: its report (or a dry run's plan), its journal, and each named as the user named it. */
export interface JobPaths {
  readonly reportPath: string;
  /** Undefined for a dry run. */
  readonly journalPath: string | undefined;
  /** Every file the job writes, for `checkPaths`. */
  readonly outputs: NamedPath[];
}

/** The report and journal of a job on `inputPath`: given by `--report` / `--journal`, or beside each other. */
export function jobPaths(
  flags: { readonly report?: string | undefined; readonly journal?: string | undefined },
  inputPath: string,
  cwd: string,
  dryRun: boolean,
): JobPaths {
  const reportPath =
    flags.report === undefined ? defaultPaths(inputPath, cwd, dryRun).report : resolve(cwd, flags.report);
  const journalPath = dryRun
    ? undefined
    : flags.journal === undefined
      ? journalBeside(reportPath)
      : resolve(cwd, flags.journal);
  const report = flags.report === undefined ? (dryRun ? "the plan" : "the report") : "--report";
  const outputs: NamedPath[] = [{ what: report, path: reportPath }];
  if (reportPath.toLowerCase().endsWith(".csv"))
    outputs.push({ what: `the JSON beside ${report}`, path: `${reportPath.slice(0, -4)}.json` });
  if (journalPath !== undefined) {
    const journal = flags.journal === undefined ? "the journal" : "--journal";
    outputs.push({ what: journal, path: journalPath }, { what: `the lock of ${journal}`, path: `${journalPath}.lock` });
  }
  return { reportPath, journalPath, outputs };
}
