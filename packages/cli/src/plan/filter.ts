import { closestKey, type FlowInstanceStatus } from "@gong-flows/client";

/** The statuses Gong's pages document for a flow instance (the spec's `FlowInstanceStatus`). */
export const documentedStatuses = ["Running", "Pending", "Paused"] as const satisfies readonly FlowInstanceStatus[];

/** Which of a prospect's flow instances a job removes: all of them when both lists are empty. */
export interface FlowFilter {
  /** Only instances of these flows (`--flow ID`, repeatable). Empty: any flow. */
  readonly flowIds: readonly string[];
  /** Only instances in these statuses (`--status Running,Paused`). Empty: any status. */
  readonly statuses: readonly string[];
}

/** The filter that keeps everything. */
export const noFilter: FlowFilter = { flowIds: [], statuses: [] };

/** True when the filter keeps every instance. */
export function isEmptyFilter(filter: FlowFilter): boolean {
  return filter.flowIds.length === 0 && filter.statuses.length === 0;
}

/** True when an instance of flow `flowId` in status `status` is one the job removes. */
export function matchesFilter(filter: FlowFilter, flowId: string | undefined, status: string | undefined): boolean {
  if (filter.flowIds.length > 0 && (flowId === undefined || !filter.flowIds.includes(flowId))) return false;
  if (filter.statuses.length > 0 && (status === undefined || !filter.statuses.includes(status))) return false;
  return true;
}

/** A status list parsed from `--status`: the values, and words for any the pages do not document. */
export interface ParsedStatuses {
  readonly statuses: string[];
  readonly warnings: string[];
}

/**
 * Parses `--status` values (comma-separated, repeatable). Documented statuses are matched without
 * regard to case and written as Gong writes them. A word within a typo of a documented status
 * (`Runing`) is an error with a did-you-mean: it would otherwise match nothing and plan nothing.
 * Another word is kept as given, with a warning, because Gong adds statuses (its newer published spec
 * lists `Finished`) and the filter must not stand in the way of one. An empty item is an error.
 */
export function parseStatuses(values: readonly string[]): ParsedStatuses | { error: string } {
  const statuses: string[] = [];
  const warnings: string[] = [];
  for (const value of values.flatMap((v) => v.split(","))) {
    const word = value.trim();
    if (word === "") return { error: `--status has an empty item in "${values.join(",")}"` };
    if (!/^[A-Za-z][A-Za-z_-]*$/.test(word))
      return {
        error: `--status ${JSON.stringify(word)} is not a status name (documented: ${documentedStatuses.join(", ")})`,
      };
    const known = documentedStatuses.find((status) => status.toLowerCase() === word.toLowerCase());
    const meant = known === undefined ? closestKey(word, documentedStatuses) : undefined;
    if (meant !== undefined)
      return {
        error: `--status ${word} is not a status Gong documents; did you mean ${meant}? (documented: ${documentedStatuses.join(", ")})`,
      };
    if (known === undefined)
      warnings.push(
        `--status ${word} is not a status Gong documents (${documentedStatuses.join(", ")}); it matches Gong's answers exactly`,
      );
    const status = known ?? word;
    if (!statuses.includes(status)) statuses.push(status);
  }
  return { statuses, warnings };
}
