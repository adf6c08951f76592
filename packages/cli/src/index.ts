/**
 * `@gong-flows/cli`: bulk jobs on Gong Engage flows (take prospects out of their flows, assign them to
 * one) — plan, dry run, journaled run, verify, report.
 * The `gong-flows` command line is built on the same functions this module exports.
 *
 * @packageDocumentation
 */
export {
  readIdFile,
  parseIdText,
  formatIssue,
  InputFileError,
  type IdEntry,
  type IdFile,
  type InputFormat,
  type InputIssue,
  type ReadIdFileOptions,
} from "./input/read-id-file.js";
export { idProblem, maxIdLength, type IdKind } from "./input/id-rules.js";
export {
  chooseStrategy,
  byCrmIdCalls,
  listThenBatchCalls,
  flowInstanceIdsPerRequest,
  type Strategy,
  type StrategyChoice,
} from "./plan/cost.js";
export { documentedStatuses, matchesFilter, parseStatuses, noFilter, type FlowFilter } from "./plan/filter.js";
export { gongDailyQuota, type CallEstimate, type FlowGroup, type PlanSummary } from "./plan/plan-summary.js";
export {
  runUnassignJob,
  defaultDailyBudget,
  JobSetupError,
  type JobInput,
  type JobPhase,
  type JobProgress,
  type UnassignJobOptions,
  type UnassignJobResult,
} from "./run/run-job.js";
export { runAssignJob } from "./run/assign-job.js";
export type {
  AssignCallEstimate,
  AssignFlow,
  AssignJobOptions,
  AssignJobResult,
  AssignPlan,
} from "./run/assign-options.js";
export type { BulkJobOptions } from "./run/job-options.js";
export type { AssignReport, ProspectInFlow, ProspectNotAssigned } from "./report/assign-report.js";
export type { AssignCallCounts } from "./journal/assign-state.js";
export { listOwnerFlows, type OwnerFlowsQuery } from "./flows/owner-flows.js";
export { resolveFlow, type ChosenFlow, type FlowChoice } from "./flows/resolve-flow.js";
export { describeStop, type StopReason } from "./run/stop-reason.js";
export {
  writeReport,
  reportCsvChunks,
  reportJsonChunks,
  csvColumns,
  type FlowOutcomes,
  type ReportInstance,
  type UnassignReport,
  type VerifyMode,
} from "./report/report.js";
export { JournalError } from "./journal/errors.js";
export type { CallCounts, InstanceOutcome } from "./journal/job-state.js";
export { runCli, type CliIo } from "./cli/program.js";
export { exitCodes } from "./cli/exit-codes.js";
export { version } from "./version.js";
