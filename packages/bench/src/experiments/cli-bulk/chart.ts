import { el, label, limitColour, num, seriesColours, svgDocument } from "../../lib/svg.js";
import type { CliBulkResult } from "./measure.js";

function barPanel(
  title: string,
  bars: { name: string; value: number; text: string }[],
  bound: { value: number; text: string },
  top: number,
  width: number,
): string[] {
  const left = 150;
  const plotWidth = width - left - 110;
  const max = Math.max(bound.value, ...bars.map((bar) => bar.value));
  const x = (value: number) => left + (value / max) * plotWidth;
  const parts = [label(16, top + 14, title, { "font-weight": "600" })];
  bars.forEach((bar, index) => {
    const y = top + 26 + index * 30;
    parts.push(label(left - 8, y + 15, bar.name, { "text-anchor": "end" }));
    parts.push(
      el("rect", {
        x: left,
        y,
        width: Math.max(1, x(bar.value) - left),
        height: 20,
        fill: seriesColours[index % seriesColours.length],
      }),
    );
    parts.push(label(x(bar.value) + 6, y + 15, bar.text));
  });
  const bottom = top + 26 + bars.length * 30;
  parts.push(
    el("line", {
      x1: x(bound.value),
      x2: x(bound.value),
      y1: top + 20,
      y2: bottom,
      stroke: limitColour,
      "stroke-width": 1.5,
      "stroke-dasharray": "4 3",
    }),
  );
  parts.push(label(x(bound.value) + 4, bottom + 14, bound.text, { fill: limitColour }));
  return parts;
}

/** The bulk job: calls and wall time of the CLI against the naive per-prospect loop, the bound marked. */
export function cliBulkChart(result: CliBulkResult): string {
  const width = 760;
  const arms = result.arms.map((arm) => ({
    name: arm.id === "cli" ? "gong-flows (CLI)" : arm.id === "naive" ? "naive loop" : arm.id,
    arm,
  }));
  const title = `Taking ${result.prospects.toLocaleString("en-US")} prospects (${result.flowInstances.toLocaleString("en-US")} flow instances) out of their flows at ${result.requestsPerSecond} calls/s`;
  const body = [label(16, 22, title, { "font-size": 14, "font-weight": "600" })];
  body.push(
    ...barPanel(
      "API calls (median)",
      arms.map(({ name, arm }) => ({ name, value: arm.calls.median, text: arm.calls.median.toLocaleString("en-US") })),
      { value: result.bound.calls, text: `bound ${result.bound.calls.toLocaleString("en-US")}` },
      36,
      width,
    ),
    ...barPanel(
      "Wall time, seconds (median)",
      arms.map(({ name, arm }) => ({ name, value: arm.seconds.median, text: `${num(arm.seconds.median)} s` })),
      { value: result.bound.seconds, text: `bound ${num(result.bound.seconds)} s` },
      36 + 40 + arms.length * 30 + 30,
      width,
    ),
  );
  return svgDocument(width, 36 + 2 * (40 + arms.length * 30 + 30), title, body);
}
