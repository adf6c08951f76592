import type { Summary } from "./lib/stats.js";
import type { MachineInfo } from "./results.js";

/** The page's number formats, one copy for every experiment's tables. */
export const int = (n: number): string => Math.round(n).toLocaleString("en-US");
export const fixed =
  (digits: number) =>
  (n: number): string =>
    n.toFixed(digits);
export const micros = (n: number): string => (Math.abs(n) < 100 ? n.toFixed(1) : int(n));
export const ratio = (n: number): string => `${n.toFixed(2)}×`;
export const percent =
  (digits = 0) =>
  (n: number): string =>
    `${(n * 100).toFixed(digits)} %`;
export const bytes = (n: number): string => `${int(n)} B`;
export const signedBytes = (n: number): string => `${n >= 0 ? "+" : "−"}${bytes(Math.abs(n))}`;
/** A difference of two shares in percentage points, for a verdict: "by 3 points". */
export const points = (difference: number, digits = 0): string => `by ${(difference * 100).toFixed(digits)} points`;

/** `median (min–max)` with one formatter; `collapse` shows a lone figure where the rounds agree. */
export function spread(s: Summary, format: (n: number) => string, collapse = false): string {
  if (collapse && s.min === s.max) return format(s.median);
  return `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

/** A row of the goals table; without a measured figure, "not measured". */
export function goalRow(goal: string, target: string, measured?: string, verdict = "—"): string[] {
  return measured === undefined ? [goal, target, "not measured", "—"] : [goal, target, measured, verdict];
}

/** A verdict: `**met**`, or `**missed**` followed by `missed` (" by 3 points", ": 2 refused"). */
export const verdict = (met: boolean, missed = ""): string => (met ? "**met**" : `**missed**${missed}`);

/** A Markdown table; a `|` inside a cell is escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** Machine, Node, date and the working tree's commit (left out where another commit was measured). */
export function machineLine(machine: MachineInfo, withCommit = true): string {
  const base = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; ${machine.date.slice(0, 16).replace("T", " ")} UTC`;
  return withCommit ? `${base}; commit ${machine.commit}` : base;
}

/** The first line of most blocks: where and when the figures were measured, then what follows. */
export const measuredOn = (machine: MachineInfo, then = ""): string =>
  `Measured on: ${machineLine(machine)}.${then ? ` ${then}` : ""}`;
