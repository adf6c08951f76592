import { gongLimits, type AssignedFlow } from "@gong-flows/client";

const style = process.stdout.isTTY && !process.env["NO_COLOR"];

/** Bold on a terminal that takes colour; plain otherwise. */
export const bold = (text: string) => (style ? `\x1b[1m${text}\x1b[22m` : text);
/** Dim on a terminal that takes colour; plain otherwise. */
export const dim = (text: string) => (style ? `\x1b[2m${text}\x1b[22m` : text);
/** Prints one line. */
export const say = (text = "") => process.stdout.write(`${text}\n`);
/** Milliseconds as seconds with one decimal. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The sizes of the requests for `count` ids, `size` a request: `[200, 200, 50]` for 450 unassigned. */
export const batchSizes = (count: number, size: number = gongLimits.unassignIdsPerRequest) =>
  Array.from({ length: Math.ceil(count / size) }, (_, i) => Math.min(size, count - i * size));

/** One flow instance on one line. */
export function flowLine(flow: AssignedFlow): string {
  const since = flow.flowInstanceCreateDate ? ` since ${flow.flowInstanceCreateDate.slice(0, 10)}` : "";
  return `   - ${flow.flowName ?? "(unnamed flow)"} · prospect ${flow.crmProspectId ?? "?"} · ${flow.flowInstanceStatus ?? "?"}${since} · instance ${flow.flowInstanceId ?? "?"}`;
}
