/**
 * `pnpm bench`: runs the benchmarks, writes `packages/bench/results/latest.json` and refreshes the
 * tables of `docs/benchmarks.md`.
 *
 *   pnpm bench                      per-call overhead, size, cold import, bulk throughput (a few minutes)
 *   pnpm bench --only=size,bulk     only those sections (overhead, size, cold-import, bulk, shared-limit, busy-limit, cli-bulk)
 *   pnpm bench --dev-loop           only the developer loop, on a fresh clone (slow: minutes)
 *   pnpm bench --profile            only the CPU profile of the client's hot path
 *   pnpm bench --doc-only           no measuring: re-render docs/benchmarks.md from latest.json
 *
 * Sections not run keep their last figures in latest.json and on the page.
 */
import { readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { bulkArmsFor, overheadArmsFor } from "./arms.js";
import { flowInstanceIds, measureBulk } from "./bulk.js";
import { checkSizeBudget, measureSizes, readSizeBudget } from "./bundle-size.js";
import { loadClient } from "./client-arms.js";
import { measureColdImport, type ColdImportArm } from "./cold-import.js";
import { measureDevLoop } from "./dev-loop.js";
import { measureHotPathCosts } from "./hot-path-costs.js";
import { measureOverhead } from "./overhead.js";
import { profileArms } from "./profile.js";
import { refreshDoc, renderSummary } from "./report.js";
import { repoRoot } from "./paths.js";
import { docPath, latestPath, machineInfo, readLatest, writeLatest, type LatestResults } from "./results.js";
import { measureCliBulk } from "./cli-bulk.js";
import {
  bulkBurst,
  bulkIds,
  bulkRequestsPerSecond,
  bulkRounds,
  cliBulkProspects,
  cliBulkRequestsPerSecond,
  cliBulkRounds,
  cliMemoryProspects,
  coldImportRounds,
  concurrentOptions,
  profileCalls,
  sequentialOptions,
  sharedLimitOptions,
  busyLimitOptions,
} from "./settings.js";
import { measureBusyLimit } from "./busy-limit.js";
import { writeCharts } from "./charts.js";
import { measureSharedLimit } from "./shared-limit.js";
import { startGongStubProcess } from "./start-gong-stub.js";

const sections = ["overhead", "size", "cold-import", "bulk", "shared-limit", "busy-limit", "cli-bulk"] as const;
type Section = (typeof sections)[number];

function parseArgs(argv: readonly string[]): {
  run: Set<Section>;
  devLoop: boolean;
  profile: boolean;
  docOnly: boolean;
} {
  let run = new Set<Section>(sections);
  let devLoop = false;
  let profile = false;
  let docOnly = false;
  for (const arg of argv) {
    if (arg === "--dev-loop") devLoop = true;
    else if (arg === "--doc-only") docOnly = true;
    else if (arg === "--profile") profile = true;
    else if (arg.startsWith("--only=")) {
      const names = arg.slice("--only=".length).split(",");
      for (const name of names)
        if (!(sections as readonly string[]).includes(name))
          throw new Error(`unknown section ${name}; known: ${sections.join(", ")}`);
      run = new Set(names as Section[]);
    } else if (arg !== "--") throw new Error(`unknown argument ${arg}; see the top of packages/bench/src/cli.ts`);
  }
  // The slow, opt-in steps run on their own.
  if (devLoop || profile || docOnly) run = new Set();
  return { run, devLoop, profile, docOnly };
}

const log = (message: string): void => console.log(`[bench] ${message}`);

/**
 * The recorded sizes judged against size-budget.json as it is now: the budget is a setting, not a
 * measurement, so a page rendered after it changed shows the budget that `pnpm test` checks.
 */
function withCurrentBudget(results: LatestResults): LatestResults {
  if (!results.size) return results;
  const budget = readSizeBudget();
  return { ...results, size: { ...results.size, budget, verdict: checkSizeBudget(results.size.sizes, budget) } };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.docOnly) {
    const previous = readLatest();
    if (previous.schemaVersion !== 1 || !previous.machine)
      throw new Error(`${relative(repoRoot, latestPath)} is missing: run \`pnpm bench\` first`);
    const kept = withCurrentBudget({ notes: [], ...previous } as LatestResults);
    await writeFile(docPath, refreshDoc(await readFile(docPath, "utf8"), kept));
    const charts = await writeCharts(kept);
    log(
      `re-rendered ${[docPath, ...charts].map((path) => relative(repoRoot, path)).join(", ")} from ${relative(repoRoot, latestPath)}`,
    );
    return;
  }
  const machine = machineInfo();
  const notes: string[] = [];
  // Only what this run measures; the other sections are taken from latest.json when writing it.
  const results: LatestResults = { schemaVersion: 1, machine, notes };
  const client = await loadClient();
  if (!client.ok) notes.push(client.reason);
  const started = performance.now();

  if (args.run.has("overhead")) {
    log("per-call overhead: starting the stub server");
    const server = await startGongStubProcess();
    try {
      const arms = overheadArmsFor(server.url, client);
      log(`sequential: ${arms.map((arm) => arm.id).join(", ")}`);
      const sequential = await measureOverhead(arms, {
        ...sequentialOptions,
        onProgress: (m) => log(`  sequential ${m}`),
      });
      log("concurrent");
      const concurrent = await measureOverhead(arms, {
        ...concurrentOptions,
        onProgress: (m) => log(`  concurrent ${m}`),
      });
      results.overhead = { sequential, concurrent, machine };
    } finally {
      await server.stop();
    }
  }

  if (args.run.has("size")) {
    log("size: bundling with esbuild");
    const sizes = await measureSizes();
    const budget = readSizeBudget();
    results.size = { sizes, budget, verdict: checkSizeBudget(sizes, budget), machine };
  }

  if (args.run.has("cold-import")) {
    log("cold import");
    const arms: ColdImportArm[] = [
      { id: "baseline", label: "nothing (empty process)", specifier: undefined },
      { id: "openapi-fetch", label: "`openapi-fetch`", specifier: "openapi-fetch" },
      { id: "client", label: "`@gong-flows/client`", specifier: "@gong-flows/client" },
    ];
    results.coldImport = { ...(await measureColdImport(arms, coldImportRounds, (m) => log(`  ${m}`))), machine };
  }

  if (args.run.has("bulk")) {
    log(`bulk: stub server limited to ${bulkRequestsPerSecond} requests/s`);
    const server = await startGongStubProcess({
      rateLimit: { requestsPerSecond: bulkRequestsPerSecond, burst: bulkBurst },
    });
    try {
      const arms = bulkArmsFor(client, bulkRequestsPerSecond);
      const bulk = await measureBulk(server, arms, {
        ids: flowInstanceIds(bulkIds),
        requestsPerSecond: bulkRequestsPerSecond,
        burst: bulkBurst,
        rounds: bulkRounds,
        onProgress: (m) => log(`  ${m}`),
      });
      results.bulk = { ...bulk, machine };
    } finally {
      await server.stop();
    }
  }

  if (args.run.has("shared-limit")) {
    log(
      `shared limit: ${sharedLimitOptions.processCounts.join(", ")} processes sharing ${sharedLimitOptions.requestsPerSecond} requests/s through Redis`,
    );
    const shared = await measureSharedLimit({ ...sharedLimitOptions, onProgress: (m) => log(`  ${m}`) });
    results.sharedLimit = { ...shared, machine };
  }

  if (args.run.has("busy-limit")) {
    log(
      `rate limit on a busy machine: ${busyLimitOptions.requestsPerSecond} requests/s, N = ${busyLimitOptions.counts.join(", ")}, every core busy`,
    );
    results.busyLimit = {
      ...(await measureBusyLimit({ ...busyLimitOptions, onProgress: (m) => log(`  ${m}`) })),
      machine,
    };
  }

  if (args.run.has("cli-bulk")) {
    log(
      `cli bulk job: ${cliBulkProspects} prospects against the mock at ${cliBulkRequestsPerSecond} calls/s, then memory for ${cliMemoryProspects}`,
    );
    const cliBulk = await measureCliBulk({
      prospects: cliBulkProspects,
      requestsPerSecond: cliBulkRequestsPerSecond,
      rounds: cliBulkRounds,
      memoryProspects: cliMemoryProspects,
      onProgress: (m) => log(`  ${m}`),
    });
    results.cliBulk = { ...cliBulk, machine };
  }

  if (args.devLoop) {
    log("developer loop on a fresh clone (takes minutes)");
    results.devLoop = { ...(await measureDevLoop({ repoDir: repoRoot, onProgress: (m) => log(`  ${m}`) })), machine };
  }

  if (args.profile) {
    if (!client.ok) throw new Error(`cannot profile: ${client.reason}`);
    log("profiling the list call under node --cpu-prof (fresh processes, arms interleaved)");
    const server = await startGongStubProcess();
    try {
      const profiles = await profileArms(["openapi-fetch", "client", "client-raw"], server.url, profileCalls);
      log("timing the transport's building blocks one by one");
      results.profile = { ...profiles, hotPath: await measureHotPathCosts(), machine };
    } finally {
      await server.stop();
    }
  }

  // Merge with latest.json as it is now, not as it was when this run started: a `--dev-loop` run takes
  // minutes, and another run may have written its sections meanwhile.
  const current = readLatest();
  const merged: LatestResults = withCurrentBudget({
    ...results,
    overhead: results.overhead ?? current.overhead,
    size: results.size ?? current.size,
    coldImport: results.coldImport ?? current.coldImport,
    bulk: results.bulk ?? current.bulk,
    devLoop: results.devLoop ?? current.devLoop,
    profile: results.profile ?? current.profile,
    sharedLimit: results.sharedLimit ?? current.sharedLimit,
    busyLimit: results.busyLimit ?? current.busyLimit,
    cliBulk: results.cliBulk ?? current.cliBulk,
  });
  await writeLatest(merged);
  const doc = await readFile(docPath, "utf8");
  await writeFile(docPath, refreshDoc(doc, merged));
  await writeCharts(merged);
  log(
    `done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ${relative(repoRoot, latestPath)} and ${relative(repoRoot, docPath)}`,
  );
  console.log(`\n${renderSummary(merged)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
