/**
 * Groups by flow, then status — the plan's and the report's per-flow tables — with nested maps, so
 * that no key string is made per instance (a plan can hold 200,000).
 */
export class FlowStatusGroups<G> {
  readonly #groups = new Map<string | undefined, Map<string | undefined, G>>();
  readonly #make: (flowId: string | undefined, status: string | undefined) => G;

  constructor(make: (flowId: string | undefined, status: string | undefined) => G) {
    this.#make = make;
  }

  /** The group of this flow and status, made on first use. */
  get(flowId: string | undefined, status: string | undefined): G {
    let byStatus = this.#groups.get(flowId);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.#groups.set(flowId, byStatus);
    }
    let group = byStatus.get(status);
    if (group === undefined) {
      group = this.#make(flowId, status);
      byStatus.set(status, group);
    }
    return group;
  }

  /** Every group, flows in the order first seen. */
  values(): G[] {
    return [...this.#groups.values()].flatMap((byStatus) => [...byStatus.values()]);
  }
}
