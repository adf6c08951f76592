import type { components } from "@gong-flows/client";
import type { GongMockCrmProspect, GongMockData } from "./data-set.js";

type Prospect = components["schemas"]["AssignmentProspect"];

/**
 * The prospects the mock's CRM holds: those the data set lists, those its flow instances name, and
 * those bulk assignments created. Assigning a CRM id it does not hold fails, as Gong's does.
 */
export class CrmProspects {
  readonly #byId = new Map<string, GongMockCrmProspect>();
  #created = 0;

  add(data: Pick<GongMockData, "crmProspects" | "assignedFlows">): void {
    for (const prospect of data.crmProspects) this.#byId.set(prospect.crmId, prospect);
    for (const instance of data.assignedFlows) {
      const crmId = instance.crmProspectId!;
      if (!this.#byId.has(crmId)) this.#byId.set(crmId, { crmId });
    }
  }

  clear(): void {
    this.#byId.clear();
    this.#created = 0;
  }

  has(crmId: string): boolean {
    return this.#byId.has(crmId);
  }

  /** How many prospects the CRM holds. */
  get size(): number {
    return this.#byId.size;
  }

  /** Every prospect, in the order added (copies). */
  list(): GongMockCrmProspect[] {
    return [...this.#byId.values()].map((prospect) => ({ ...prospect }));
  }

  /**
   * The CRM id of a prospect a bulk assignment names by name: the one the CRM holds with the same
   * email (case aside), else a new record (`mock-crm-000001`, …) made from what was given.
   */
  findOrCreate(prospect: Prospect): string {
    const email = prospect.email?.toLowerCase();
    if (email !== undefined) {
      for (const known of this.#byId.values()) if (known.email?.toLowerCase() === email) return known.crmId;
    }
    let crmId: string;
    do crmId = `mock-crm-${String(++this.#created).padStart(6, "0")}`;
    while (this.#byId.has(crmId));
    this.#byId.set(crmId, { ...prospect, crmId });
    return crmId;
  }
}
