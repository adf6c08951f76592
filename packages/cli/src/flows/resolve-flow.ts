import { closestKey, type Flow } from "@gong-flows/client";

/** A flow `--flow` named, as the flows listed for the owner show it. */
export interface ChosenFlow {
  /** The flow's id. */
  readonly id: string;
  /** Its name, when the listing gave one. */
  readonly name: string | undefined;
}

/** What `--flow VALUE` comes to: one flow, or why not (with the matches or a did-you-mean). */
export type FlowChoice = { readonly flow: ChosenFlow } | { readonly error: string };

/**
 * Finds the flow `value` names among `flows`: a flow whose id it is, else the one flow whose name it
 * is exactly (case and spaces included). Several flows of that name, or none, is an error that lists
 * them, or offers the nearest name.
 */
export function resolveFlow(value: string, flows: readonly Flow[], owner: string): FlowChoice {
  const byId = flows.find((flow) => flow.id === value);
  if (byId?.id !== undefined) return { flow: { id: byId.id, name: byId.name } };
  const named = flows.filter((flow) => flow.name === value && flow.id !== undefined);
  if (named.length === 1) return { flow: { id: named[0]!.id!, name: value } };
  if (named.length > 1) {
    const lines = named.map((flow) => `  ${flow.id}  ${describeFlow(flow)}`);
    return {
      error: `--flow ${JSON.stringify(value)} names ${named.length} flows of ${owner}; give the id of one:\n${lines.join("\n")}`,
    };
  }
  const names = [...new Set(flows.flatMap((flow) => (flow.name === undefined ? [] : [flow.name])))];
  const closest = closestKey(value, names);
  return {
    error:
      `--flow ${JSON.stringify(value)} is neither the id nor the exact name of a flow of ${owner}` +
      (closest === undefined ? "" : `; did you mean ${JSON.stringify(closest)}?`) +
      " (gong-flows flows --owner EMAIL lists them)",
  };
}

/** A flow in a few words: its name, folder and visibility. */
function describeFlow(flow: Flow): string {
  const folder = flow.folderName ?? flow.folderId;
  return [
    JSON.stringify(flow.name ?? ""),
    folder === undefined ? undefined : `folder ${JSON.stringify(folder)}`,
    flow.visibility,
  ]
    .filter((part) => part !== undefined)
    .join(", ");
}
