import type { RegisteredExperiment } from "./experiment.js";
import { machineLine, table } from "./format.js";
import type { LatestResults } from "./results.js";

/** Each experiment's section brought up to date with today's settings (the size budget). */
export function settled(results: LatestResults, experiments: readonly RegisteredExperiment[]): LatestResults {
  const out: LatestResults = { ...results };
  for (const experiment of experiments) out[experiment.key] = experiment.settle(results[experiment.key]);
  return out;
}

/** The "Goals" table at the top of the page: every goal, the figure it is judged by, met or missed and by how much. */
export function renderSummary(results: LatestResults, experiments: readonly RegisteredExperiment[]): string {
  const rows = experiments.flatMap((experiment) => experiment.goalRows(results[experiment.key]));
  const notes = results.notes.length > 0 ? `\n\n${results.notes.map((note) => `> Note: ${note}`).join("\n>\n")}` : "";
  return `Last run: ${machineLine(results.machine)}.\n\n${table(["goal", "target", "measured (median)", "verdict"], rows)}${notes}`;
}

/**
 * Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` for the summary and
 * every experiment, leaving the hand-written prose around them untouched. Throws when a marker is
 * missing, so a page edit that drops one is noticed instead of silently going stale.
 */
export function refreshDoc(doc: string, results: LatestResults, experiments: readonly RegisteredExperiment[]): string {
  const blocks: [string, string][] = [
    ["summary", renderSummary(results, experiments)],
    ...experiments.map((experiment): [string, string] => [experiment.id, experiment.render(results[experiment.key])]),
  ];
  let out = doc;
  for (const [name, text] of blocks) {
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/benchmarks.md: markers ${start} … ${end} are missing`);
    out = `${out.slice(0, from + start.length)}\n${text}\n${out.slice(to)}`;
  }
  return out;
}
