import { describe, expectTypeOf, it } from "vitest";
import type { GongFlowsClientOptions } from "@gong-flows/client";
import {
  readIdFile,
  runUnassignJob,
  type IdEntry,
  type JobProgress,
  type PlanSummary,
  type StopReason,
  type UnassignJobOptions,
  type UnassignJobResult,
  type UnassignReport,
} from "../src/index.js";

describe("the library's types", () => {
  it("runUnassignJob takes the ids read and resolves with an exit code of the five", () => {
    expectTypeOf(runUnassignJob).parameter(0).toEqualTypeOf<UnassignJobOptions>();
    expectTypeOf(runUnassignJob).returns.resolves.toEqualTypeOf<UnassignJobResult>();
    expectTypeOf<UnassignJobResult["exitCode"]>().toEqualTypeOf<0 | 1 | 2 | 3 | 4>();
    expectTypeOf(readIdFile).returns.resolves.toHaveProperty("entries").toEqualTypeOf<readonly IdEntry[]>();
  });

  it("passes the client's own options through", () => {
    expectTypeOf<NonNullable<UnassignJobOptions["client"]>>().toEqualTypeOf<GongFlowsClientOptions>();
  });

  it("types the report's four lists, and the stop reasons by kind", () => {
    expectTypeOf<UnassignReport["unassigned"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<UnassignReport["unconfirmed"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<StopReason["kind"]>().toEqualTypeOf<
      | "daily-budget"
      | "gong-quota"
      | "signal"
      | "credentials"
      | "shared-rate-limit"
      | "gong-unavailable"
      | "declined"
      | "error"
    >();
    expectTypeOf<Extract<StopReason, { kind: "daily-budget" }>>().toHaveProperty("day").toEqualTypeOf<string>();
  });

  it("hands callbacks the plan and the progress", () => {
    expectTypeOf<NonNullable<UnassignJobOptions["confirm"]>>().toEqualTypeOf<(plan: PlanSummary) => Promise<boolean>>();
    expectTypeOf<JobProgress["phase"]>().toEqualTypeOf<"plan" | "settle" | "unassign" | "assign" | "verify">();
  });

  it("refuses a job without its input", () => {
    // @ts-expect-error input is required
    const options: UnassignJobOptions = { journalPath: "j" };
    void options;
  });
});
