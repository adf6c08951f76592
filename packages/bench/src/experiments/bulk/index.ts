import { generateAssignedFlows } from "@gong-flows/mock";
import { scratchDir } from "@gong-flows/testkit";
import { defineExperiment } from "../../experiment.js";
import { fixed, int, machineLine, percent, spread, table } from "../../format.js";
import { startBenchMock } from "../../lib/mock.js";
import { clientBulkArm, naiveLoopArm, retryingLoopArm } from "./arms.js";
import { type BulkResult, measureBulk } from "./measure.js";

/** Gong's limit scaled up so that a run of 10,000 ids (50 full requests) takes seconds. */
const requestsPerSecond = 20;
const ids = 10_000;
/** Interleaved rounds (a run takes seconds per arm). */
const rounds = 3;
/** Bulk unassignment at least this share of the theoretical maximum. */
const minShareOfMax = 0.9;
const pct = percent(0);

export default defineExperiment<BulkResult>({
  id: "bulk",
  key: "bulk",
  title: `bulk: ${int(ids)} flow-instance ids against the mock limited to ${requestsPerSecond} requests/s`,
  async run({ log }) {
    const scratch = await scratchDir("gong-flows-bench-bulk-");
    try {
      const flows = generateAssignedFlows({ prospects: ids });
      const mock = await startBenchMock(flows, scratch.path, "flows", requestsPerSecond);
      try {
        const arms = [clientBulkArm(requestsPerSecond), naiveLoopArm(), retryingLoopArm()];
        const instanceIds = flows.flatMap((flow) => flow.flowInstanceId ?? []);
        return await measureBulk(mock, arms, { ids: instanceIds, requestsPerSecond, rounds, onProgress: log });
      } finally {
        await mock.stop();
      }
    } finally {
      await scratch.remove();
    }
  },
  goalRows(b) {
    const client = b?.arms.find((arm) => arm.id === "client");
    if (!b || !client)
      return [["Bulk throughput under a rate limit", `≥ ${pct(minShareOfMax)} of the maximum`, "not measured", "—"]];
    const share = client.shareOfMax.median;
    const lost = client.lostIds.max;
    return [
      [
        "Bulk throughput under a rate limit",
        `≥ ${pct(minShareOfMax)} of ${int(b.theoreticalIdsPerSecond)} ids/s`,
        `${int(client.idsPerSecond.median)} ids/s = ${pct(share)}`,
        share >= minShareOfMax ? "**met**" : `**missed** by ${((minShareOfMax - share) * 100).toFixed(0)} points`,
      ],
      [
        "Ids lost in bulk",
        "0",
        `${int(lost)} (worst round)`,
        lost === 0 ? "**met**" : `**missed** by ${int(lost)} ids`,
      ],
    ];
  },
  render(b) {
    if (!b) return "_Not measured yet: run `pnpm bench`._";
    const rows = b.arms.map((arm) => [
      arm.rounds < b.rounds ? `${arm.label} (${arm.rounds} round${arm.rounds === 1 ? "" : "s"})` : arm.label,
      spread(arm.idsPerSecond, int),
      spread(arm.shareOfMax, pct),
      spread(arm.elapsedMs, (n) => fixed(1)(n / 1000)),
      spread(arm.requests, int),
      spread(arm.rateLimited, int),
      spread(arm.lostIds, int),
    ]);
    // Results from before the mock was used came from a leaky bucket with room for `burst` requests.
    const limit =
      b.burst === undefined
        ? "`gong-flows-mock`: at most that many in any one second"
        : `leaky bucket, room for ${b.burst}`;
    return [
      `Measured on: ${machineLine(b.machine)}. ${int(b.ids)} flow-instance ids, ${b.idsPerRequest} per request; server limit ${b.requestsPerSecond} requests/s (${limit}); theoretical maximum ${int(b.theoreticalIdsPerSecond)} ids/s; up to ${b.rounds} interleaved rounds, median (min–max).`,
      table(["caller", "ids unassigned / s", "of the maximum", "seconds", "requests", "429s", "ids lost"], rows),
    ].join("\n\n");
  },
});
