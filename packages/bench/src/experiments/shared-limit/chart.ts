import { el, label, limitColour, num, plain, seriesColours, svgDocument, ticks } from "../../lib/svg.js";
import type { SharedLimitResult } from "./measure.js";

/** One panel of the shared-limit chart: requests in each second as bars grouped by second, one per process count, the limit dashed. */
function sharedLimitPanel(
  result: SharedLimitResult,
  arm: SharedLimitResult["arms"][number],
  top: number,
  width: number,
): string[] {
  const runs = result.runs.filter((run) => run.arm === arm.id && run.arrivalsPerSecond);
  const left = 48;
  const plotWidth = width - left - 130;
  const plotHeight = 150;
  const seconds = Math.max(1, ...runs.map((run) => run.arrivalsPerSecond?.length ?? 0));
  const peak = Math.max(result.requestsPerSecond * 1.4, ...runs.flatMap((run) => run.arrivalsPerSecond ?? []));
  const yTicks = ticks(peak, 4);
  const yMax = yTicks.at(-1) ?? peak;
  const x = (second: number) => left + (second / seconds) * plotWidth;
  const y = (count: number) => top + 24 + plotHeight - (count / yMax) * plotHeight;
  const parts = [label(left, top + 14, plain(arm.label), { "font-weight": "600" })];
  for (const tick of yTicks) {
    parts.push(el("line", { x1: left, x2: left + plotWidth, y1: y(tick), y2: y(tick), stroke: "#e5e5e5" }));
    parts.push(label(left - 6, y(tick) + 4, num(tick), { "text-anchor": "end", fill: "#555" }));
  }
  for (let second = 0; second <= seconds; second++)
    parts.push(label(x(second), y(0) + 16, String(second), { "text-anchor": "middle", fill: "#555" }));
  parts.push(
    label(left + plotWidth / 2, y(0) + 32, "seconds from the common start", { "text-anchor": "middle", fill: "#555" }),
  );
  // Bars side by side within each second, so that equal counts stay visible.
  const slot = plotWidth / seconds / (runs.length + 1);
  for (const [index, run] of runs.entries()) {
    const colour = seriesColours[index % seriesColours.length];
    for (const [second, count] of (run.arrivalsPerSecond ?? []).entries()) {
      const barX = x(second) + slot * (index + 0.5);
      parts.push(
        el("rect", {
          x: barX,
          y: y(count),
          width: slot * 0.9,
          height: y(0) - y(count),
          fill: colour,
          "data-processes": run.processes,
          "data-second": second,
        }),
      );
    }
    parts.push(el("rect", { x: left + plotWidth + 12, y: top + 40 + index * 18, width: 12, height: 10, fill: colour }));
    parts.push(
      label(left + plotWidth + 30, top + 49 + index * 18, `${run.processes} process${run.processes === 1 ? "" : "es"}`),
    );
  }
  parts.push(
    el("line", {
      x1: left,
      x2: left + plotWidth,
      y1: y(result.requestsPerSecond),
      y2: y(result.requestsPerSecond),
      stroke: limitColour,
      "stroke-width": 1.5,
      "stroke-dasharray": "6 4",
    }),
  );
  parts.push(
    label(left + 4, y(result.requestsPerSecond) - 4, `limit ${result.requestsPerSecond}/s`, { fill: limitColour }),
  );
  return parts;
}

/**
 * The shared limit over time: for each arm, the requests that reached the server in each second of
 * the last round, a bar per process count, with the shared limit. Undefined when the results hold
 * no time series (runs made before they were recorded).
 */
export function sharedLimitChart(result: SharedLimitResult): string | undefined {
  const arms = result.arms.filter((arm) => result.runs.some((run) => run.arm === arm.id && run.arrivalsPerSecond));
  if (arms.length === 0) return undefined;
  const width = 760;
  const panelHeight = 230;
  const title = `Requests reaching the server in each second, N processes sharing ${result.requestsPerSecond} requests/s`;
  const body = [label(16, 22, title, { "font-size": 14, "font-weight": "600" })];
  for (const [index, arm] of arms.entries())
    body.push(...sharedLimitPanel(result, arm, 36 + index * panelHeight, width));
  return svgDocument(width, 40 + arms.length * panelHeight, title, body);
}

/** One horizontal bar panel: a bar per arm with its value, and the bound as a dashed line. */
