import type { components } from "@gong-flows/client";

/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = components["schemas"]["AssignedFlow"];

/** One flow instance the mock holds, assigned or not any more. */
export interface FlowInstanceRecord {
  /** The flow instance as the list operation serves it. */
  readonly assignedFlow: Readonly<AssignedFlow>;
  /** False once an unassign call removed it, and for an instance the data set gave as finished. */
  readonly assigned: boolean;
  /** When it was unassigned (ISO 8601, the mock's clock), if it was. */
  readonly unassignedAt?: string;
  /** The `unassignedByUserEmail` of the call that unassigned it, if that call gave one. */
  readonly unassignedByUserEmail?: string;
  /** The `requestId` of the call that unassigned it, if one did. */
  readonly unassignedByRequestId?: string;
}

/** The statuses of an open instance: the ones the list by CRM prospect id returns. */
const openStatuses: ReadonlySet<string | undefined> = new Set(["Running", "Pending", "Paused", undefined]);

/** True unless the instance's status says it finished. */
function isOpen(flow: AssignedFlow): boolean {
  return openStatuses.has(flow.flowInstanceStatus);
}

interface Entry {
  assignedFlow: Readonly<AssignedFlow>;
  assigned: boolean;
  unassignedAt?: string;
  unassignedByUserEmail?: string;
  unassignedByRequestId?: string;
}

/** Who unassigned, and when: kept with each instance an unassign call removed. */
export interface Unassignment {
  at: string;
  requestId: string;
  userEmail: string | undefined;
}

/**
 * The mock's state: every flow instance it was given, in the order given, indexed by instance id and
 * by prospect so that a 100,000-instance data set stays fast.
 */
export class FlowInstanceStore {
  readonly #byId = new Map<string, Entry>();
  readonly #byProspect = new Map<string, Entry[]>();
  /** The full name of each owner its instances give, for the instances assign creates. */
  readonly #ownerNames = new Map<string, string>();
  #lastCreatedId = 7_000_000_000_000_000;

  /**
   * Adds flow instances, assigned unless their status says they finished; an instance whose id is known
   * is replaced (and assigned again when open).
   */
  add(flows: readonly AssignedFlow[]): void {
    for (const flow of flows) {
      const id = flow.flowInstanceId!;
      const previous = this.#byId.get(id);
      if (previous) this.#unindex(previous);
      // A finished instance (from a data set) is held, and listed by its id, but is no longer assigned.
      const entry: Entry = { assignedFlow: Object.freeze({ ...flow }), assigned: isOpen(flow) };
      this.#byId.set(id, entry);
      const prospect = flow.crmProspectId!;
      const list = this.#byProspect.get(prospect);
      if (list) list.push(entry);
      else this.#byProspect.set(prospect, [entry]);
      const { flowInstanceOwnerEmail: owner, flowInstanceOwnerFullName: name } = flow;
      if (owner !== undefined && name !== undefined) this.#ownerNames.set(owner.toLowerCase(), name);
    }
  }

  /** A flow instance id no instance has, for an instance assign creates (16 digits, like Gong's). */
  newInstanceId(): string {
    let id: string;
    do id = String(++this.#lastCreatedId);
    while (this.#byId.has(id));
    return id;
  }

  /** The full name the instances held give for this owner, if any does. */
  ownerFullName(email: string): string | undefined {
    return this.#ownerNames.get(email.toLowerCase());
  }

  /** The flows this owner assigned prospects to, the most recent assignment first, each once, at most `limit`. */
  recentFlowIdsOf(ownerEmail: string, limit: number): string[] {
    const owner = ownerEmail.toLowerCase();
    const latest = new Map<string, number>();
    for (const { assignedFlow: flow } of this.#byId.values()) {
      if (flow.flowInstanceOwnerEmail?.toLowerCase() !== owner) continue;
      const at = Date.parse(flow.flowInstanceCreateDate ?? "") || 0;
      if (at >= (latest.get(flow.flowId!) ?? Number.NEGATIVE_INFINITY)) latest.set(flow.flowId!, at);
    }
    return [...latest.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([flowId]) => flowId);
  }

  /** The prospect's assigned (open) instances. */
  openOf(crmProspectId: string): AssignedFlow[] {
    return (this.#byProspect.get(crmProspectId) ?? [])
      .filter((entry) => entry.assigned)
      .map((entry) => ({ ...entry.assignedFlow }));
  }

  clear(): void {
    this.#byId.clear();
    this.#byProspect.clear();
    this.#ownerNames.clear();
    this.#lastCreatedId = 7_000_000_000_000_000;
  }

  /** The assigned instances of these prospects, prospect by prospect in the order asked, each once. */
  assignedOf(crmProspectIds: readonly string[]): AssignedFlow[] {
    const out: AssignedFlow[] = [];
    for (const prospect of new Set(crmProspectIds)) {
      for (const entry of this.#byProspect.get(prospect) ?? []) if (entry.assigned) out.push({ ...entry.assignedFlow });
    }
    return out;
  }

  /**
   * The known instances of these ids, assigned or not, in the order asked, each once (unknown ids are
   * left out). An instance an unassign call ended is served as `Finished`: it ended, and the spec
   * documents no status for an instance taken out of its flow.
   */
  byInstanceIds(flowInstanceIds: readonly string[]): AssignedFlow[] {
    const out: AssignedFlow[] = [];
    for (const id of new Set(flowInstanceIds)) {
      const entry = this.#byId.get(id);
      if (!entry) continue;
      out.push(
        entry.unassignedAt === undefined
          ? { ...entry.assignedFlow }
          : { ...entry.assignedFlow, flowInstanceStatus: "Finished" },
      );
    }
    return out;
  }

  /** Unassigns the prospect's assigned instances (of `flowId` only, when given); returns their ids. */
  unassignProspect(crmProspectId: string, flowId: string | undefined, how: Unassignment): string[] {
    const removed: string[] = [];
    for (const entry of this.#byProspect.get(crmProspectId) ?? []) {
      if (!entry.assigned || (flowId !== undefined && entry.assignedFlow.flowId !== flowId)) continue;
      this.#unassign(entry, how);
      removed.push(entry.assignedFlow.flowInstanceId!);
    }
    return removed;
  }

  /**
   * Unassigns the given instances that are still assigned and returns exactly those ids (each once).
   * `alreadyUnassigned` counts the distinct ids that are known but were unassigned before this call;
   * unknown ids are neither.
   */
  unassignInstances(
    flowInstanceIds: readonly string[],
    how: Unassignment,
  ): { removed: string[]; alreadyUnassigned: number } {
    const removed: string[] = [];
    let alreadyUnassigned = 0;
    for (const id of new Set(flowInstanceIds)) {
      const entry = this.#byId.get(id);
      if (!entry) continue;
      if (!entry.assigned) {
        alreadyUnassigned++;
        continue;
      }
      this.#unassign(entry, how);
      removed.push(id);
    }
    return { removed, alreadyUnassigned };
  }

  /** Instances assigned now, and instances an unassign call ended (finished ones from the data are neither). */
  counts(): { assigned: number; unassigned: number } {
    let assigned = 0;
    let unassigned = 0;
    for (const entry of this.#byId.values()) {
      if (entry.assigned) assigned++;
      else if (entry.unassignedAt !== undefined) unassigned++;
    }
    return { assigned, unassigned };
  }

  /** Every instance, in the order it was added, as a copy. */
  records(): FlowInstanceRecord[] {
    return [...this.#byId.values()].map((entry) => ({ ...entry, assignedFlow: { ...entry.assignedFlow } }));
  }

  /** One instance by id, as a copy. */
  record(flowInstanceId: string): FlowInstanceRecord | undefined {
    const entry = this.#byId.get(flowInstanceId);
    return entry && { ...entry, assignedFlow: { ...entry.assignedFlow } };
  }

  #unassign(entry: Entry, how: Unassignment): void {
    entry.assigned = false;
    entry.unassignedAt = how.at;
    entry.unassignedByRequestId = how.requestId;
    if (how.userEmail !== undefined) entry.unassignedByUserEmail = how.userEmail;
  }

  #unindex(entry: Entry): void {
    const prospect = entry.assignedFlow.crmProspectId!;
    const list = this.#byProspect.get(prospect)?.filter((other) => other !== entry) ?? [];
    if (list.length > 0) this.#byProspect.set(prospect, list);
    else this.#byProspect.delete(prospect);
  }
}
