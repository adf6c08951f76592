/**
 * `pnpm bench`: runs the experiments of `registry.ts`, writes `packages/bench/results/latest.json` and
 * refreshes the tables of `docs/benchmarks.md`.
 *
 *   pnpm bench                      every experiment without a flag of its own (a few minutes)
 *   pnpm bench --only=size,bulk     only those (by id: see registry.ts)
 *   pnpm bench --dev-loop           only the developer loop, on a fresh clone (slow: minutes)
 *   pnpm bench --doc-only           no measuring: re-render docs/benchmarks.md from latest.json
 *
 * Experiments not run keep their last figures in latest.json and on the page.
 */
import { readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { chooseExperiments, type RegisteredExperiment } from "./experiment.js";
import { docPath, latestPath, repoRoot } from "./lib/paths.js";
import { refreshDoc, renderSummary, settled } from "./page.js";
import { experiments } from "./registry.js";
import { type LatestResults, machineInfo, readLatest, writeLatest } from "./results.js";

const log = (message: string): void => console.log(`[bench] ${message}`);

async function main(): Promise<void> {
  const chosen = chooseExperiments(process.argv.slice(2), experiments);
  const started = performance.now();
  let results: LatestResults;
  if (chosen.length === 0) {
    const previous = readLatest();
    if (previous.schemaVersion !== 1 || !previous.machine)
      throw new Error(`${relative(repoRoot, latestPath)} is missing: run \`pnpm bench\` first`);
    results = { ...previous, notes: previous.notes ?? [], schemaVersion: 1, machine: previous.machine };
  } else {
    results = await measure(chosen);
  }
  results = settled(results, experiments);
  if (chosen.length > 0) await writeLatest(results);
  await writeFile(docPath, refreshDoc(await readFile(docPath, "utf8"), results, experiments));
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ${relative(repoRoot, docPath)}`);
  if (chosen.length > 0) console.log(`\n${renderSummary(results, experiments)}\n`);
}

/**
 * Runs the chosen experiments and merges them with latest.json as it is then, not as it was when this
 * run started: a `--dev-loop` run takes minutes, and another run may have written its sections meanwhile.
 */
async function measure(chosen: readonly RegisteredExperiment[]): Promise<LatestResults> {
  const machine = machineInfo();
  const fresh: Record<string, unknown> = {};
  for (const experiment of chosen) {
    log(experiment.title);
    const result = await experiment.run((message) => log(`  ${message}`));
    fresh[experiment.key] = { ...result, machine };
  }
  return { ...readLatest(), ...fresh, schemaVersion: 1, machine, notes: [] };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
