import type { AssignedFlow, Flow, GongFlowsClient, GongLogEvent } from "@gong-flows/client";
import type { RunningGongMock } from "@gong-flows/mock/node";

/** What the steps of the tour share. */
export interface Tour {
  readonly gong: GongFlowsClient;
  /** Every event the client logged, in order. */
  readonly events: GongLogEvent[];
  readonly server: RunningGongMock;
  readonly auth: { accessKey: string; accessKeySecret: string };
  /** The prospects the tour lists, cleans up and then assigns to a flow. */
  readonly crmProspectsIds: string[];
  /** The flow instances the first step listed, which the second unassigns. */
  listed: AssignedFlow[];
  /** The flow found by its name, which the prospects are assigned to. */
  flow?: Flow;
  /** The flow instances the assign step created. */
  assigned: AssignedFlow[];
}

/** One step of the tour: prints its heading and what happened. */
export type TourStep = (tour: Tour) => Promise<void>;

/** Requests the client started (first attempts) since event `from`, of one operation or of all. */
export function requestsSince(tour: Tour, from: number, operation?: string): number {
  return tour.events
    .slice(from)
    .filter((e) => e.type === "request" && e.attempt === 1 && (operation === undefined || e.operation === operation))
    .length;
}

/** " (and N retries after a 429 …)" when the client had to retry, so that the numbers add up. */
export function retriesSince(tour: Tour, from: number): string {
  const retries = tour.events.slice(from).filter((e) => e.type === "retry");
  if (retries.length === 0) return "";
  const reasons = [...new Set(retries.map((e) => e.reason))].join(", ");
  return ` (and ${retries.length} retr${retries.length === 1 ? "y" : "ies"}: ${reasons})`;
}
