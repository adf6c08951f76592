import { defineExperiment } from "../../experiment.js";
import { machineLine, micros, ratio, spread, table } from "../../format.js";
import { startStub } from "../../lib/processes.js";
import { clientArms } from "./client-arms.js";
import { openapiFetchArm, rawFetchArm } from "./fetch-arms.js";
import { measureOverhead, type OverheadResult } from "./measure.js";

/**
 * Many short rounds rather than a few long ones: on a shared machine a neighbour's build comes and goes
 * within seconds; short rounds keep each arm next to the others in the same quiet or busy stretch.
 */
const common = { rounds: 20, warmupCalls: 500, baselineId: "openapi-fetch", floorId: "raw-fetch" };
const sequentialOptions = { ...common, callsPerRound: 150, concurrency: 1 };
const concurrentOptions = { ...common, callsPerRound: 320, concurrency: 16 };
/**
 * The client's time per call at most this multiple of plain openapi-fetch's: a guard, reported and not
 * chased (about 100 µs of the client's own work is 0.03 % of the 333 ms between two calls at Gong's limit).
 */
export const maxOverheadRatio = 1.15;

export interface OverheadResults {
  sequential: OverheadResult;
  concurrent: OverheadResult;
}

export default defineExperiment<OverheadResults>({
  id: "overhead",
  key: "overhead",
  title: "per-call overhead: the list call against a keep-alive stub in its own process",
  async run({ log }) {
    const server = await startStub();
    try {
      const arms = [rawFetchArm(server.url), openapiFetchArm(server.url), ...clientArms(server.url)];
      const sequential = await measureOverhead(arms, {
        ...sequentialOptions,
        onProgress: (m) => log(`sequential ${m}`),
      });
      const concurrent = await measureOverhead(arms, {
        ...concurrentOptions,
        onProgress: (m) => log(`concurrent ${m}`),
      });
      return { sequential, concurrent };
    } finally {
      await server.stop();
    }
  },
  goalRows: (o) => [
    goalRow("Per-call overhead, sequential", o?.sequential),
    goalRow(`Per-call overhead, ${o?.concurrent.concurrency ?? 16} in flight`, o?.concurrent),
  ],
  render(o) {
    if (!o) return "_Not measured yet: run `pnpm bench`._";
    return [
      `Measured on: ${machineLine(o.machine)}.`,
      section("Sequential (1 in flight)", o.sequential),
      section(`Concurrent (${o.concurrent.concurrency} in flight)`, o.concurrent),
    ].join("\n\n");
  },
});

function goalRow(name: string, result: OverheadResult | undefined): string[] {
  const target = `≤ ${ratio(maxOverheadRatio)} plain openapi-fetch`;
  const client = result?.arms.find((arm) => arm.id === "client");
  if (!result || !client) return [name, target, "not measured", "—"];
  const r = client.ratioToBaseline.median;
  const raw = result.arms.find((arm) => arm.id === "client-raw");
  const points = (n: number): string => ((n - 1) * 100).toFixed(0);
  return [
    `${name} (\`listAssignedFlows\`)`,
    target,
    `${ratio(r)} wall clock (${micros(client.microsAboveBaseline.median)} µs more per call); ${ratio(client.cpuRatioToBaseline.median)} in CPU time` +
      (raw ? `; through \`gong.raw\`: ${ratio(raw.ratioToBaseline.median)}` : ""),
    r <= maxOverheadRatio
      ? "**met**"
      : `**missed** by ${((r - maxOverheadRatio) * 100).toFixed(0)} points: ${points(r)} % slower than openapi-fetch where ${points(maxOverheadRatio)} % is allowed`,
  ];
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
