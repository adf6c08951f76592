import { generateAssignedFlows } from "@gong-flows/mock";
import { defineExperiment } from "../../experiment.js";
import { fixed, goalRow, int, measuredOn, percent, points, spread, table, verdict } from "../../format.js";
import { withBenchMock } from "../../lib/mock.js";
import { clientBulkArm, naiveLoopArm, retryingLoopArm } from "./arms.js";
import { type BulkResult, measureBulk } from "./measure.js";

/** Gong's limit scaled up so that a run of 10,000 ids (50 full requests) takes seconds; 3 interleaved rounds. */
const requestsPerSecond = 20;
const ids = 10_000;
const rounds = 3;
/** Bulk unassignment at least this share of the theoretical maximum. */
const minShareOfMax = 0.9;
const pct = percent(0);

export default defineExperiment<BulkResult>({
  id: "bulk",
  key: "bulk",
  title: `bulk: ${int(ids)} flow-instance ids against the mock limited to ${requestsPerSecond} requests/s`,
  async run(log) {
    const flows = generateAssignedFlows({ prospects: ids });
    const arms = [clientBulkArm(requestsPerSecond), naiveLoopArm, retryingLoopArm];
    const instanceIds = flows.flatMap((flow) => flow.flowInstanceId ?? []);
    const options = { ids: instanceIds, requestsPerSecond, rounds, onProgress: log };
    return withBenchMock(flows, requestsPerSecond, (mock) => measureBulk(mock, arms, options));
  },
  goalRows(b) {
    const client = b?.arms.find((arm) => arm.id === "client");
    const throughput = "Bulk throughput under a rate limit";
    if (!b || !client) return [goalRow(throughput, `≥ ${pct(minShareOfMax)} of the maximum`)];
    const share = client.shareOfMax.median;
    const lost = client.lostIds.max;
    return [
      goalRow(
        throughput,
        `≥ ${pct(minShareOfMax)} of ${int(b.theoreticalIdsPerSecond)} ids/s`,
        `${int(client.idsPerSecond.median)} ids/s = ${pct(share)}`,
        verdict(share >= minShareOfMax, ` ${points(minShareOfMax - share)}`),
      ),
      goalRow("Ids lost in bulk", "0", `${int(lost)} (worst round)`, verdict(lost === 0, ` by ${int(lost)} ids`)),
    ];
  },
  render(b) {
    const rows = b.arms.map((arm) => [
      arm.rounds < b.rounds ? `${arm.label} (${arm.rounds} round${arm.rounds === 1 ? "" : "s"})` : arm.label,
      spread(arm.idsPerSecond, int),
      spread(arm.shareOfMax, pct),
      spread(arm.elapsedMs, (n) => fixed(1)(n / 1000)),
      ...[arm.requests, arm.rateLimited, arm.lostIds].map((figure) => spread(figure, int)),
    ]);
    const limit =
      b.burst === undefined
        ? "`gong-flows-mock`: at most that many in any one second"
        : `leaky bucket, room for ${b.burst}`;
    return [
      measuredOn(
        b.machine,
        `${int(b.ids)} flow-instance ids, ${b.idsPerRequest} per request; server limit ${b.requestsPerSecond} requests/s (${limit}); theoretical maximum ${int(b.theoreticalIdsPerSecond)} ids/s; up to ${b.rounds} interleaved rounds, median (min–max).`,
      ),
      table(["caller", "ids unassigned / s", "of the maximum", "seconds", "requests", "429s", "ids lost"], rows),
    ].join("\n\n");
  },
});
