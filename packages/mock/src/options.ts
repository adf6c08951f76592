import { type components, gongLimits } from "@gong-flows/client";
import { systemClock, type GongMockClock } from "./clock.js";
import type { GongMockCredentials } from "./credentials.js";
import { GongMockInputError, type GongMockIssue } from "./issues.js";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/**
 * Options of {@link createGongMock}: the CLI's flags in camelCase, plus the data and the clock.
 */
export interface GongMockOptions extends GongMockCredentials {
  /** The flow instances to serve (each checked against the spec's AssignedFlow). Default: {@link defaultAssignedFlows}. */
  assignedFlows?: readonly AssignedFlow[] | undefined;
  /** Calls admitted in any one second; more get 429. Default 3 (Gong's). 0: no limit. */
  rps?: number | undefined;
  /** Calls admitted per UTC day; more get 429 until midnight UTC. Default 10,000 (Gong's). 0: no quota. */
  dailyQuota?: number | undefined;
  /** Added to every answer of the three operations, in ms. Default 0. */
  latencyMs?: number | undefined;
  /** Where time comes from. Default: the system clock. Inject one to test limits without waiting. */
  clock?: GongMockClock | undefined;
}

/** The options with defaults applied (the credentials stay in the mock, never in here). */
export interface ResolvedGongMockOptions {
  /** Calls admitted in any one second; more get 429. 0: no limit. */
  readonly rps: number;
  /** Calls admitted per UTC day; more get 429 until midnight UTC. 0: no quota. */
  readonly dailyQuota: number;
  /** Added to every answer of the three operations, in ms. */
  readonly latencyMs: number;
  /** Where the mock's time comes from. */
  readonly clock: GongMockClock;
}

/** Applies the defaults and checks every value, naming each bad one by its pointer (`/rps`). */
export function resolveOptions(options: GongMockOptions): ResolvedGongMockOptions {
  const issues: GongMockIssue[] = [];
  const whole = (name: "rps" | "dailyQuota" | "latencyMs", fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      issues.push({ path: `/${name}`, message: `must be a whole number, 0 or more (got ${JSON.stringify(value)})` });
    }
    return value;
  };
  const resolved = {
    rps: whole("rps", gongLimits.callsPerSecond),
    dailyQuota: whole("dailyQuota", gongLimits.callsPerDay),
    latencyMs: whole("latencyMs", 0),
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
