import { defineExperiment } from "../../experiment.js";
import { goalRow, measuredOn, micros, ratio, spread, table, verdict } from "../../format.js";
import { startStub } from "../../lib/processes.js";
import { overheadArms } from "./arms.js";
import { measureOverhead, type OverheadResult } from "./measure.js";

/**
 * Many short rounds rather than a few long ones: on a shared machine a neighbour's build comes and goes
 * within seconds; short rounds keep each arm next to the others in the same quiet or busy stretch.
 */
const common = { rounds: 20, warmupCalls: 500, baselineId: "openapi-fetch", floorId: "raw-fetch" };
/**
 * The client's time per call at most this multiple of plain openapi-fetch's: a guard, reported and not
 * chased (about 100 µs of the client's own work is 0.03 % of the 333 ms between two calls at Gong's limit).
 */
export const maxOverheadRatio = 1.15;

export default defineExperiment<{ sequential: OverheadResult; concurrent: OverheadResult }>({
  id: "overhead",
  key: "overhead",
  title: "per-call overhead: the list call against a keep-alive stub in its own process",
  async run(log) {
    const server = await startStub();
    try {
      const arms = overheadArms(server.url);
      const options = (concurrency: number, callsPerRound: number) => ({
        ...common,
        concurrency,
        callsPerRound,
        onProgress: (message: string) => log(`${concurrency === 1 ? "sequential" : "concurrent"} ${message}`),
      });
      const sequential = await measureOverhead(arms, options(1, 150));
      return { sequential, concurrent: await measureOverhead(arms, options(16, 320)) };
    } finally {
      await server.stop();
    }
  },
  goalRows: (o) => [
    overheadGoal("Per-call overhead, sequential", o?.sequential),
    overheadGoal(`Per-call overhead, ${o?.concurrent.concurrency ?? 16} in flight`, o?.concurrent),
  ],
  render: (o) =>
    [
      measuredOn(o.machine),
      section("Sequential (1 in flight)", o.sequential),
      section(`Concurrent (${o.concurrent.concurrency} in flight)`, o.concurrent),
    ].join("\n\n"),
});

function overheadGoal(name: string, result: OverheadResult | undefined): string[] {
  const target = `≤ ${ratio(maxOverheadRatio)} plain openapi-fetch`;
  const client = result?.arms.find((arm) => arm.id === "client");
  if (!client) return goalRow(name, target);
  const r = client.ratioToBaseline.median;
  const raw = result?.arms.find((arm) => arm.id === "client-raw");
  const slower = (n: number): string => ((n - 1) * 100).toFixed(0);
  return goalRow(
    `${name} (\`listAssignedFlows\`)`,
    target,
    `${ratio(r)} wall clock (${micros(client.microsAboveBaseline.median)} µs more per call); ${ratio(client.cpuRatioToBaseline.median)} in CPU time` +
      (raw ? `; through \`gong.raw\`: ${ratio(raw.ratioToBaseline.median)}` : ""),
    verdict(
      r <= maxOverheadRatio,
      ` by ${((r - maxOverheadRatio) * 100).toFixed(0)} points: ${slower(r)} % slower than openapi-fetch where ${slower(maxOverheadRatio)} % is allowed`,
    ),
  );
}

function section(title: string, r: OverheadResult): string {
  const head = `**${title}** — ${r.rounds} interleaved rounds of ${r.callsPerRound.toLocaleString("en-US")} calls per arm; median (min–max) over the rounds.`;
  const rows = r.arms.map((arm) => [
    arm.label,
    spread(arm.microsPerCall, micros),
    spread(arm.ratioToFloor, ratio),
    spread(arm.ratioToBaseline, ratio),
    arm.id === r.baselineId ? "—" : spread(arm.microsAboveBaseline, micros),
    spread(arm.cpuMicrosPerCall, micros),
    spread(arm.cpuRatioToBaseline, ratio),
  ]);
  const header = ["arm", "µs per call (wall)", "vs raw fetch", "vs openapi-fetch", "µs above openapi-fetch"];
  return `${head}\n\n${table([...header, "CPU µs per call", "CPU vs openapi-fetch"], rows)}`;
}
