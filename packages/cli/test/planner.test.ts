import { describe, expect, it } from "vitest";
import { byCrmIdCalls, chooseStrategy, listThenBatchCalls } from "../src/plan/cost.js";
import { matchesFilter, noFilter, parseStatuses } from "../src/plan/filter.js";

describe("cost model", () => {
  it("counts list-then-batch as list calls plus batches of 200", () => {
    expect(listThenBatchCalls(10_000, 20_000, 100)).toBe(200);
    expect(listThenBatchCalls(1, 1, 100)).toBe(2);
    expect(listThenBatchCalls(101, 201, 100)).toBe(4);
    expect(listThenBatchCalls(5, 0, 100)).toBe(1);
  });

  it("counts by-crm-id as one call per prospect, or per prospect and --flow", () => {
    expect(byCrmIdCalls(3, noFilter)).toBe(3);
    expect(byCrmIdCalls(3, { flowIds: ["a", "b"], statuses: [] })).toBe(6);
  });

  it("chooses one call per prospect only when that beats listing even at its cheapest", () => {
    const choose = (prospects: number, listBatchSize = 100, flowIds: string[] = []) =>
      chooseStrategy({ prospects, filter: { flowIds, statuses: [] }, listBatchSize });
    expect(choose(1)).toMatchObject({ strategy: "by-crm-id" });
    // 2 by-crm-id calls against at least 1 list call + 1 batch: a tie is not cheaper.
    expect(choose(2)).toMatchObject({ strategy: "list-then-batch" });
    expect(choose(10_000)).toMatchObject({ strategy: "list-then-batch" });
    // One prospect and two flows: 2 calls, not fewer than listing's 2.
    expect(choose(1, 100, ["f1", "f2"])).toMatchObject({ strategy: "list-then-batch" });
    // Tiny list batches make listing dear.
    expect(choose(3, 1)).toMatchObject({ strategy: "by-crm-id" });
  });

  it("never picks by-crm-id with --status, and refuses it when asked for", () => {
    const filter = { flowIds: [], statuses: ["Running"] };
    expect(chooseStrategy({ prospects: 1, filter, listBatchSize: 100 })).toMatchObject({ strategy: "list-then-batch" });
    expect(chooseStrategy({ prospects: 1, filter, listBatchSize: 100, requested: "by-crm-id" })).toEqual({
      error: "--strategy by-crm-id cannot filter by --status: Gong's unassign-by-crm-id call has no status",
    });
  });

  it("follows an explicit --strategy", () => {
    expect(
      chooseStrategy({ prospects: 500, filter: noFilter, listBatchSize: 100, requested: "by-crm-id" }),
    ).toMatchObject({ strategy: "by-crm-id" });
    expect(
      chooseStrategy({ prospects: 1, filter: noFilter, listBatchSize: 100, requested: "list-then-batch" }),
    ).toMatchObject({ strategy: "list-then-batch" });
  });
});

describe("filters", () => {
  it("keeps everything without --flow or --status", () => {
    expect(matchesFilter(noFilter, undefined, undefined)).toBe(true);
  });

  it("keeps an instance only when its flow and its status are both among those given", () => {
    const filter = { flowIds: ["f1"], statuses: ["Running", "Paused"] };
    expect(matchesFilter(filter, "f1", "Running")).toBe(true);
    expect(matchesFilter(filter, "f1", "Pending")).toBe(false);
    expect(matchesFilter(filter, "f2", "Running")).toBe(false);
    expect(matchesFilter(filter, undefined, "Running")).toBe(false);
    expect(matchesFilter(filter, "f1", undefined)).toBe(false);
  });

  it("parses --status lists: documented values in Gong's spelling, others kept with a warning", () => {
    expect(parseStatuses(["running,PAUSED", "Running"])).toEqual({ statuses: ["Running", "Paused"], warnings: [] });
    expect(parseStatuses(["Finished"])).toEqual({
      statuses: ["Finished"],
      warnings: [
        "--status Finished is not a status Gong documents (Running, Pending, Paused); it matches Gong's answers exactly",
      ],
    });
    expect(parseStatuses(["Running,,Paused"])).toEqual({ error: '--status has an empty item in "Running,,Paused"' });
    expect(parseStatuses(["Run ning"])).toMatchObject({ error: expect.stringContaining("is not a status name") });
  });
});
