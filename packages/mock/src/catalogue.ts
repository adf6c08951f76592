import type { components } from "@gong-flows/client";
import type { GongMockData, GongMockFlow, GongMockFolder, GongMockOwnership } from "./data-set.js";

type Schemas = components["schemas"];
type Visible = { visibility?: string | undefined } & GongMockOwnership;

/** The keys of the mock's data that decide who sees a flow or folder: never served. */
const ownershipKeys = ["ownerEmail", "sharedWithEmails", "workspaceId"] as const;

/** True when `email` sees the flow or folder: the company's, or its owner's, or shared with them. */
export function isVisibleTo(item: Visible, email: string): boolean {
  const who = email.toLowerCase();
  if (item.visibility === undefined || item.visibility === "Company") return true;
  if (item.ownerEmail?.toLowerCase() === who) return true;
  return item.visibility === "Shared" && (item.sharedWithEmails ?? []).some((shared) => shared.toLowerCase() === who);
}

/** The item as served: without the mock's own keys (and without `omit`). */
function served<T extends Record<string, unknown>>(item: T, omit: readonly string[] = []): T {
  const copy: Record<string, unknown> = { ...item };
  for (const key of [...ownershipKeys, ...omit]) delete copy[key];
  return copy as T;
}

/** The flows, folders and steps the mock holds, in the order given (a known id is replaced). */
export class FlowCatalogue {
  readonly #flows = new Map<string, GongMockFlow>();
  readonly #folders = new Map<string, GongMockFolder>();
  readonly #steps = new Map<string, readonly Schemas["FlowStep"][]>();

  /**
   * Adds a data set's flows, folders and steps; a flow that only its flow instances name becomes a
   * company flow with their name and `exclusive`, so that a data set of flow instances alone can be assigned to.
   */
  add(data: Pick<GongMockData, "flows" | "folders" | "steps" | "assignedFlows">): void {
    for (const folder of data.folders) this.#folders.set(folder.id!, folder);
    for (const flow of data.flows) this.#flows.set(flow.id!, flow);
    for (const instance of data.assignedFlows) {
      const id = instance.flowId!;
      if (this.#flows.has(id)) continue;
      this.#flows.set(id, {
        id,
        ...(instance.flowName === undefined ? {} : { name: instance.flowName }),
        visibility: "Company",
        ...(instance.exclusive === undefined ? {} : { exclusive: instance.exclusive }),
        ...(instance.workspaceId === undefined ? {} : { workspaceId: instance.workspaceId }),
      });
    }
    for (const [flowId, steps] of Object.entries(data.steps)) this.#steps.set(flowId, steps);
  }

  clear(): void {
    this.#flows.clear();
    this.#folders.clear();
    this.#steps.clear();
  }

  /** One flow as the mock holds it (with its own keys), or undefined. */
  flow(id: string): GongMockFlow | undefined {
    return this.#flows.get(id);
  }

  /** Every flow, as held. */
  flows(): GongMockFlow[] {
    return [...this.#flows.values()];
  }

  /** Every folder, as held. */
  folders(): GongMockFolder[] {
    return [...this.#folders.values()];
  }

  /** A flow as `GET /v2/flows` serves it: its folder's name filled in from the folders when it has none. */
  servedFlow(flow: GongMockFlow): Schemas["Flow"] {
    const folderName = flow.folderId === undefined ? undefined : this.#folders.get(flow.folderId)?.name;
    return served({ ...(folderName === undefined ? {} : { folderName }), ...flow }, ["description"]);
  }

  /** A folder as `GET /v2/flows/folders` serves it. */
  servedFolder(folder: GongMockFolder): Schemas["FlowFolder"] {
    return served(folder, ["parentId"]);
  }

  /** A flow with its steps, as `POST /v2/flows/steps` serves it. */
  withSteps(flow: GongMockFlow): Schemas["FlowWithSteps"] {
    const steps = (this.#steps.get(flow.id!) ?? []).map((step) => ({ ...step }));
    return { ...served(flow, ["folderName"]), steps };
  }

  /** Every flow, folder and steps as held (copies). */
  snapshot(): Pick<GongMockData, "flows" | "folders" | "steps"> {
    return {
      flows: structuredClone([...this.#flows.values()]),
      folders: structuredClone([...this.#folders.values()]),
      steps: structuredClone(Object.fromEntries(this.#steps)),
    };
  }

  /** The folder and every folder under it, at any depth. */
  folderTree(rootId: string): Set<string> {
    const tree = new Set([rootId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const folder of this.#folders.values()) {
        if (folder.parentId !== undefined && tree.has(folder.parentId) && !tree.has(folder.id!)) {
          tree.add(folder.id!);
          grew = true;
        }
      }
    }
    return tree;
  }
}
