import type { Stored } from "../../experiment.js";
import { fixed, machineLine, percent, spread as spreadAll, table } from "../../format.js";
import type { Summary } from "../../lib/stats.js";
import type { BusyLimitResult } from "./measure.js";

const pct = percent(1);
const whole = fixed(0);
const spread = (s: Summary, format: (n: number) => string): string => spreadAll(s, format, true);

/** The busy-machine goals, in one place so that the table and the verdicts agree. */
export const busyLimitGoals = {
  /** Achieved rate at the server, as a share of the limit, at every count. */
  minShareOfLimit: 0.9,
} as const;

/** Rows for the page's "Goals at a glance" table. */
export function busyLimitSummaryRows(busy: Stored<BusyLimitResult> | undefined): string[][] {
  if (!busy)
    return [
      [
        "Rate limit on a busy machine, at the server",
        "no 429 from a strict server, ≥ 90 % of the limit",
        "not measured",
        "—",
      ],
    ];
  const counts = [...new Set(busy.runs.map((run) => run.count))].join(", ");
  const refused = Math.max(...busy.runs.map((run) => run.refusedByStrictServer.max));
  const worstWindow = Math.max(...busy.runs.map((run) => run.worstWindow.max));
  const worstShare = Math.min(...busy.runs.map((run) => run.shareOfLimit.min));
  return [
    [
      `Rate limit on a busy machine (every core busy; N = ${counts}; both stores): busiest second at the server`,
      `≤ ${busy.requestsPerSecond} requests, no 429 from a server enforcing exactly the limit`,
      `${worstWindow} in the busiest second, ${refused} refused (worst run)`,
      worstWindow <= busy.requestsPerSecond && refused === 0 ? "**met**" : `**missed**: ${refused} refused`,
    ],
    [
      "Rate limit on a busy machine: throughput at the server",
      `≥ ${pct(busyLimitGoals.minShareOfLimit)} of ${busy.requestsPerSecond} req/s at every N`,
      `${pct(worstShare)} at worst`,
      worstShare >= busyLimitGoals.minShareOfLimit
        ? "**met**"
        : `**missed** by ${((busyLimitGoals.minShareOfLimit - worstShare) * 100).toFixed(1)} points`,
    ],
  ];
}

/** The busy-machine table. */
export function renderBusyLimit(busy: Stored<BusyLimitResult> | undefined): string {
  if (!busy) return "_Not measured yet: run `pnpm bench --only=busy-limit`._";
  const label = (id: string) => busy.arms.find((arm) => arm.id === id)?.label ?? id;
  const rows = busy.runs.map((run) => [
    label(run.arm),
    String(run.count),
    spread(run.shareOfLimit, pct),
    spread(run.worstWindow, whole),
    spread(run.worstFixedSecond, whole),
    spread(run.refusedByStrictServer, whole),
    spread(run.requests, whole),
  ]);
  return [
    `Measured on: ${machineLine(busy.machine)}.`,
    `**${busy.requestsPerSecond} requests/s with every core busy** — ${busy.burners} CPU-bound processes beside each run; each run calls for ${(busy.runMs / 1000).toFixed(0)} s through \`@gong-flows/client\` (departure slack ${busy.departureSlackMs} ms, new-connection slack ${busy.newConnectionSlackMs} ms); ${busy.rounds} round(s) per row, median (min–max). Arrivals at the server.`,
    table(
      [
        "store",
        "N",
        "share of the limit",
        "busiest 1-s window (sliding)",
        "busiest second of the clock (fixed)",
        "429s from a strict server",
        "requests",
      ],
      rows,
    ),
  ].join("\n\n");
}
