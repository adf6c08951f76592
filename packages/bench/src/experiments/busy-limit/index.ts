import { defineExperiment } from "../../experiment.js";
import { fixed, goalRow, measuredOn, percent, points, spread, table, verdict } from "../../format.js";
import { type BusyLimitResult, busyLimitSettings as settings, measureBusyLimit } from "./measure.js";

/** Achieved rate at the server, as a share of the limit, at every count. */
const minShareOfLimit = 0.9;
const pct = percent(1);
const whole = fixed(0);

export default defineExperiment<BusyLimitResult>({
  id: "busy-limit",
  key: "busyLimit",
  title: `rate limit on a busy machine: ${settings.requestsPerSecond} requests/s, N = ${settings.counts.join(", ")}, every core busy`,
  run: (log) => measureBusyLimit(log),
  goalRows(busy) {
    const name = "Rate limit on a busy machine";
    if (!busy) return [goalRow(`${name}, at the server`, "no 429 from a strict server, ≥ 90 % of the limit")];
    const limit = busy.requestsPerSecond;
    const counts = [...new Set(busy.runs.map((run) => run.count))].join(", ");
    const refused = Math.max(...busy.runs.map((run) => run.refusedByStrictServer.max));
    const worstWindow = Math.max(...busy.runs.map((run) => run.worstWindow.max));
    const worstShare = Math.min(...busy.runs.map((run) => run.shareOfLimit.min));
    return [
      goalRow(
        `${name} (every core busy; N = ${counts}; both stores): busiest second at the server`,
        `≤ ${limit} requests, no 429 from a server enforcing exactly the limit`,
        `${worstWindow} in the busiest second, ${refused} refused (worst run)`,
        verdict(worstWindow <= limit && refused === 0, `: ${refused} refused`),
      ),
      goalRow(
        `${name}: throughput at the server`,
        `≥ ${pct(minShareOfLimit)} of ${limit} req/s at every N`,
        `${pct(worstShare)} at worst`,
        verdict(worstShare >= minShareOfLimit, ` ${points(minShareOfLimit - worstShare, 1)}`),
      ),
    ];
  },
  render(busy) {
    const label = (id: string) => busy.arms.find((arm) => arm.id === id)?.label ?? id;
    const rows = busy.runs.map((run) => [
      label(run.arm),
      String(run.count),
      spread(run.shareOfLimit, pct, true),
      ...[run.worstWindow, run.worstFixedSecond, run.refusedByStrictServer, run.requests].map((figure) =>
        spread(figure, whole, true),
      ),
    ]);
    const header = ["store", "N", "share of the limit", "busiest 1-s window (sliding)"];
    const more = ["busiest second of the clock (fixed)", "429s from a strict server", "requests"];
    return [
      measuredOn(busy.machine),
      `**${busy.requestsPerSecond} requests/s with every core busy** — ${busy.burners} CPU-bound processes beside each run; each run calls for ${(busy.runMs / 1000).toFixed(0)} s through \`@gong-flows/client\` (departure slack ${busy.departureSlackMs} ms, new-connection slack ${busy.newConnectionSlackMs} ms); ${busy.rounds} round(s) per row, median (min–max). Arrivals at the server.`,
      table([...header, ...more], rows),
    ].join("\n\n");
  },
});
