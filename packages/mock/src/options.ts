import { gongLimits } from "@gong-flows/client";
import type { BulkAssignmentTiming, ResolvedBulkAssignmentTiming } from "./bulk-assignments.js";
import { systemClock, type GongMockClock } from "./clock.js";
import type { GongMockCredentials } from "./credentials.js";
import type { GongMockDataSet } from "./data-set.js";
import { GongMockInputError, type GongMockIssue } from "./issues.js";

/**
 * Options of {@link createGongMock}: the CLI's flags in camelCase, plus the data and the clock. The
 * data (`assignedFlows`, `flows`, `folders`, `steps`, `crmProspects`, each checked as a data file is)
 * defaults to the built-in data set when none of its keys is given; given some, the others are empty.
 */
export interface GongMockOptions extends GongMockCredentials, GongMockDataSet {
  /** Calls admitted in any one second; more get 429. Default 3 (Gong's). 0: no limit. */
  rps?: number | undefined;
  /** Calls admitted per UTC day; more get 429 until midnight UTC. Default 10,000 (Gong's). 0: no quota. */
  dailyQuota?: number | undefined;
  /** Added to every answer, in ms. Default 0. */
  latencyMs?: number | undefined;
  /** Flows (and folders) per page of `GET /v2/flows` and `GET /v2/flows/folders`. Default 100. */
  pageSize?: number | undefined;
  /** How fast bulk assignments run on the mock's clock. */
  bulkAssignments?: BulkAssignmentTiming | undefined;
  /** Where time comes from. Default: the system clock. Inject one to test limits without waiting. */
  clock?: GongMockClock | undefined;
}

/** The options with defaults applied (the credentials stay in the mock, never in here). */
export interface ResolvedGongMockOptions {
  /** Calls admitted in any one second; more get 429. 0: no limit. */
  readonly rps: number;
  /** Calls admitted per UTC day; more get 429 until midnight UTC. 0: no quota. */
  readonly dailyQuota: number;
  /** Added to every answer, in ms. */
  readonly latencyMs: number;
  /** Flows (and folders) per page of the list operations. */
  readonly pageSize: number;
  /** How fast bulk assignments run on the mock's clock. */
  readonly bulkAssignments: ResolvedBulkAssignmentTiming;
  /** Where the mock's time comes from. */
  readonly clock: GongMockClock;
}

/** Applies the defaults and checks every value, naming each bad one by its pointer (`/rps`). */
export function resolveOptions(options: GongMockOptions): ResolvedGongMockOptions {
  const issues: GongMockIssue[] = [];
  const whole = (path: string, given: number | undefined, fallback: number, least = 0): number => {
    const value = given ?? fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < least) {
      issues.push({ path, message: `must be a whole number, ${least} or more (got ${JSON.stringify(value)})` });
    }
    return value;
  };
  const timing = options.bulkAssignments ?? {};
  const resolved = {
    rps: whole("/rps", options.rps, gongLimits.callsPerSecond),
    dailyQuota: whole("/dailyQuota", options.dailyQuota, gongLimits.callsPerDay),
    latencyMs: whole("/latencyMs", options.latencyMs, 0),
    pageSize: whole("/pageSize", options.pageSize, 100, 1),
    bulkAssignments: {
      startAfterMs: whole("/bulkAssignments/startAfterMs", timing.startAfterMs, 500),
      msPerProspect: whole("/bulkAssignments/msPerProspect", timing.msPerProspect, 20),
    },
    clock: options.clock ?? systemClock,
  };
  for (const name of ["accessKey", "accessKeySecret", "bearerToken"] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === "" || /\s/.test(value))) {
      issues.push({ path: `/${name}`, message: "must be a non-empty string without spaces" });
    }
  }
  if ((options.accessKey === undefined) !== (options.accessKeySecret === undefined)) {
    issues.push({
      path: options.accessKey === undefined ? "/accessKey" : "/accessKeySecret",
      message: "accessKey and accessKeySecret go together: give both",
    });
  }
  if (options.accessKey?.includes(":"))
    issues.push({ path: "/accessKey", message: "must not contain ':' (it separates the key from its secret)" });
  if (issues.length > 0) throw new GongMockInputError("mock options", issues);
  return resolved;
}
