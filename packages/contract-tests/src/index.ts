/**
 * `@gong-flows/contract-tests`: the contract suite of the Gong Engage-flows API, as a command
 * (`gong-flows-contract`) and as a library for tools that run it themselves (a mock's own tests).
 *
 * @packageDocumentation
 */
export type { CaseResult, Counterexample, Verdict } from "./checks/case.js";
export { checkDecisionsOf, checkExamplesOf, checkSpecDocument } from "./checks/spec-document.js";
export { run as runCommand, type CommandIo } from "./cli/run-command.js";
export { formatRun } from "./report/console.js";
export { junitXml } from "./report/junit.js";
export type { Note, Violation } from "./report/violation.js";
export {
  PrismStartError,
  runContractSuite,
  TargetUnreachableError,
  type RunOptions,
  type RunReport,
} from "./run/run-suite.js";
export type { GroupResult, Totals } from "./run/runner.js";
export { resolveSettings, settingSources, UsageError, type Flags, type RunSettings } from "./run/settings.js";
export type { Assignment } from "./run/target.js";
export { shippedSpecPath } from "./spec/document.js";
