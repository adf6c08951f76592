// The rules of a data set that look across its items: no id twice, an owner for what is not the
// company's, steps of known flows. (The rules of each item are schemas, in data-set.ts.)
import { escapeToken } from "@gong-flows/spec-reader/json-pointer";
import type { GongMockIssue } from "./issues.js";

type Items = readonly unknown[];
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const listAt = (value: Record<string, unknown>, key: string): Items => {
  const items = value[key];
  return Array.isArray(items) ? items : [];
};
const stringAt = (item: unknown, field: string): string | undefined => {
  const found = isObject(item) ? item[field] : undefined;
  return typeof found === "string" && found !== "" ? found : undefined;
};

/** The problems between items of a data set (each item's own problems are the schema's). */
export function crossCheckIssues(value: unknown): GongMockIssue[] {
  if (!isObject(value)) return [];
  if (!["assignedFlows", "flows", "folders", "steps", "crmProspects"].some((key) => key in value))
    return [{ path: "", message: "must hold at least one of assignedFlows, flows, folders, steps, crmProspects" }];
  return [
    ...repeatedIds(listAt(value, "assignedFlows"), "/assignedFlows", "flowInstanceId"),
    ...repeatedIds(listAt(value, "flows"), "/flows", "id"),
    ...repeatedIds(listAt(value, "folders"), "/folders", "id"),
    ...repeatedIds(listAt(value, "crmProspects"), "/crmProspects", "crmId"),
    ...ownerless(listAt(value, "flows"), "/flows", "flow"),
    ...ownerless(listAt(value, "folders"), "/folders", "folder"),
    ...stepsOfUnknownFlows(value),
  ];
}

/** An id given twice, for each item of `items` that has a string id. */
function repeatedIds(items: Items, at: string, field: string): GongMockIssue[] {
  const issues: GongMockIssue[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const id = stringAt(item, field);
    if (id === undefined) return;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, index);
    else
      issues.push({
        path: `${at}/${index}/${field}`,
        message: `${JSON.stringify(id)} is already the id of ${at}/${earlier}`,
      });
  });
  return issues;
}

/** A `Personal` or `Shared` item without the owner that decides who sees it. */
function ownerless(items: Items, at: string, what: string): GongMockIssue[] {
  return items.flatMap((item, index) => {
    const visibility = stringAt(item, "visibility");
    if ((visibility !== "Personal" && visibility !== "Shared") || (isObject(item) && "ownerEmail" in item)) return [];
    return [
      { path: `${at}/${index}/ownerEmail`, message: `is required for a ${visibility} ${what}: it says who sees it` },
    ];
  });
}

/** A `steps` key that names no flow of the data set's `flows` or `assignedFlows`. */
function stepsOfUnknownFlows(value: Record<string, unknown>): GongMockIssue[] {
  const steps = value["steps"];
  if (!isObject(steps)) return [];
  const known = new Set([
    ...listAt(value, "flows").map((flow) => stringAt(flow, "id")),
    ...listAt(value, "assignedFlows").map((flow) => stringAt(flow, "flowId")),
  ]);
  return Object.keys(steps)
    .filter((flowId) => !known.has(flowId))
    .map((flowId) => ({ path: `/steps/${escapeToken(flowId)}`, message: "names no flow of /flows or /assignedFlows" }));
}
