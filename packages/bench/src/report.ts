import type { BulkFigures } from "./bulk.js";
import { cliBulkGoalRows, renderCliBulk } from "./cli-bulk-report.js";
import { devLoopGoalRows, renderDevLoop } from "./dev-loop-report.js";
import type { LatestResults, MachineInfo } from "./results.js";
import { renderSharedLimit, sharedLimitSummaryRows } from "./shared-limit-report.js";
import { busyLimitSummaryRows, renderBusyLimit } from "./busy-limit-report.js";
import type { Summary } from "./stats.js";

/** The goals of the benchmark page, in one place so the tables and the verdicts agree. */
export const goals = {
  /**
   * The client's time per call at most this multiple of plain openapi-fetch's: a guard, reported and
   * not chased (about 100 µs of the client's own work is 0.03 % of the 333 ms between two calls at
   * Gong's limit).
   */
  maxOverheadRatio: 1.15,
  /** Bulk unassignment at least this share of the theoretical maximum. */
  minShareOfMax: 0.9,
} as const;

const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const micros = (n: number): string => (Math.abs(n) < 100 ? n.toFixed(1) : int(n));
const ms = (n: number): string => n.toFixed(1);
const seconds = (n: number): string => n.toFixed(1);
const ratio = (n: number): string => `${n.toFixed(2)}×`;
const pct = (n: number): string => `${(n * 100).toFixed(0)} %`;
const bytes = (n: number): string => `${int(n)} B`;
/** `median (min–max)` with one formatter. */
const spread = (s: Summary, format: (n: number) => string): string =>
  `${format(s.median)} (${format(s.min)}–${format(s.max)})`;

/** Machine, Node, date and (unless `withCommit` is false, where another commit was measured) the working tree's commit. */
function machineLine(machine: MachineInfo, withCommit = true): string {
  const base = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; ${machine.date.slice(0, 16).replace("T", " ")} UTC`;
  return withCommit ? `${base}; commit ${machine.commit}` : base;
}

/** The "Goals" table at the top of the page: every goal, the figure it is judged by, met or missed and by how much. */
export function renderSummary(results: LatestResults): string {
  const rows: string[][] = [];
  const overheadRow = (
    name: string,
    result: NonNullable<LatestResults["overhead"]>["sequential"] | undefined,
  ): void => {
    const client = result?.arms.find((arm) => arm.id === "client");
    if (!result || !client) {
      rows.push([name, `≤ ${ratio(goals.maxOverheadRatio)} plain openapi-fetch`, "not measured", "—"]);
      return;
    }
    const r = client.ratioToBaseline.median;
    const met = r <= goals.maxOverheadRatio;
    const raw = result.arms.find((arm) => arm.id === "client-raw");
    rows.push([
      `${name} (\`listAssignedFlows\`)`,
      `≤ ${ratio(goals.maxOverheadRatio)} plain openapi-fetch`,
      `${ratio(r)} wall clock (${micros(client.microsAboveBaseline.median)} µs more per call); ${ratio(client.cpuRatioToBaseline.median)} in CPU time` +
        (raw ? `; through \`gong.raw\`: ${ratio(raw.ratioToBaseline.median)}` : ""),
      met
        ? "**met**"
        : `**missed** by ${((r - goals.maxOverheadRatio) * 100).toFixed(0)} points: ${((r - 1) * 100).toFixed(0)} % slower than openapi-fetch where ${((goals.maxOverheadRatio - 1) * 100).toFixed(0)} % is allowed`,
    ]);
  };
  overheadRow("Per-call overhead, sequential", results.overhead?.sequential);
  overheadRow(
    `Per-call overhead, ${results.overhead?.concurrent.concurrency ?? 16} in flight`,
    results.overhead?.concurrent,
  );

  if (results.size) {
    // The client runs on servers (Gong's credentials never belong in a browser): its size is guarded by
    // the budget, which grows only with a changeset that says why, and is not a target.
    const above = results.size.sizes.gzipBytesAboveOpenapiFetch;
    const client = results.size.sizes.client.gzipBytes;
    const budget = results.size.budget.maxGzipBytes;
    rows.push([
      "Size of the client, with openapi-fetch",
      "none set: guarded by the budget below",
      `${bytes(client)} gzip (${above >= 0 ? "+" : ""}${bytes(above)} above openapi-fetch)`,
      "—",
    ]);
    rows.push([
      "Size budget (`size-budget.json`, checked by `pnpm test`)",
      `≤ ${bytes(budget)} gzip`,
      bytes(client),
      results.size.verdict.ok
        ? `**within** (${bytes(budget - client)} to spare)`
        : `**over** by ${bytes(client - budget)} (fails \`pnpm test\`)`,
    ]);
  } else {
    rows.push([
      "Size budget (`size-budget.json`, checked by `pnpm test`)",
      "see size-budget.json",
      "not measured",
      "—",
    ]);
  }

  const cold = results.coldImport;
  const coldClient = cold?.arms.find((arm) => arm.id === "client");
  const coldOf = cold?.arms.find((arm) => arm.id === "openapi-fetch");
  rows.push([
    "Cold import",
    "none set: reported",
    coldClient && coldOf
      ? `${ms(coldClient.importMs.median)} ms vs ${ms(coldOf.importMs.median)} ms for openapi-fetch`
      : "not measured",
    "—",
  ]);

  const bulkClient = results.bulk?.arms.find((arm) => arm.id === "client");
  if (results.bulk && bulkClient) {
    const share = bulkClient.shareOfMax.median;
    rows.push([
      "Bulk throughput under a rate limit",
      `≥ ${pct(goals.minShareOfMax)} of ${int(results.bulk.theoreticalIdsPerSecond)} ids/s`,
      `${int(bulkClient.idsPerSecond.median)} ids/s = ${pct(share)}`,
      share >= goals.minShareOfMax
        ? "**met**"
        : `**missed** by ${((goals.minShareOfMax - share) * 100).toFixed(0)} points`,
    ]);
    rows.push([
      "Ids lost in bulk",
      "0",
      `${int(bulkClient.lostIds.max)} (worst round)`,
      bulkClient.lostIds.max === 0 ? "**met**" : `**missed** by ${int(bulkClient.lostIds.max)} ids`,
    ]);
  } else {
    rows.push([
      "Bulk throughput under a rate limit",
      `≥ ${pct(goals.minShareOfMax)} of the maximum`,
      "not measured",
      "—",
    ]);
  }

  rows.push(...sharedLimitSummaryRows(results));
  rows.push(...busyLimitSummaryRows(results.busyLimit));
  rows.push(...cliBulkGoalRows(results.cliBulk));

  rows.push(...devLoopGoalRows(results.devLoop));
  const notes = results.notes.length > 0 ? `\n\n${results.notes.map((note) => `> Note: ${note}`).join("\n>\n")}` : "";
  return `Last run: ${machineLine(results.machine)}.\n\n${table(["goal", "target", "measured (median)", "verdict"], rows)}${notes}`;
}

/** The per-call overhead tables, sequential and concurrent. */
export function renderOverhead(results: LatestResults): string {
  const o = results.overhead;
  if (!o) return "_Not measured yet: run `pnpm bench`._";
  const section = (title: string, r: typeof o.sequential): string => {
    const head = `**${title}** — ${r.rounds} interleaved rounds of ${int(r.callsPerRound)} calls per arm; median (min–max) over the rounds.`;
    const rows = r.arms.map((arm) => [
      arm.label,
      spread(arm.microsPerCall, micros),
      spread(arm.ratioToFloor, ratio),
      spread(arm.ratioToBaseline, ratio),
      arm.id === r.baselineId ? "—" : spread(arm.microsAboveBaseline, micros),
      spread(arm.cpuMicrosPerCall, micros),
      spread(arm.cpuRatioToBaseline, ratio),
    ]);
    return `${head}\n\n${table(["arm", "µs per call (wall)", "vs raw fetch", "vs openapi-fetch", "µs above openapi-fetch", "CPU µs per call", "CPU vs openapi-fetch"], rows)}`;
  };
  return [
    `Measured on: ${machineLine(o.machine)}.`,
    section("Sequential (1 in flight)", o.sequential),
    section(`Concurrent (${o.concurrent.concurrency} in flight)`, o.concurrent),
  ].join("\n\n");
}

/** The size table and the budget check. */
export function renderSize(results: LatestResults): string {
  const s = results.size;
  if (!s) return "_Not measured yet: run `pnpm bench`._";
  const rows = [s.sizes.client, s.sizes.openapiFetch].map((b) => [
    b.label,
    bytes(b.minifiedBytes),
    bytes(b.gzipBytes),
    bytes(b.brotliBytes),
  ]);
  rows.push([
    "difference",
    signed(s.sizes.client.minifiedBytes - s.sizes.openapiFetch.minifiedBytes),
    signed(s.sizes.gzipBytesAboveOpenapiFetch),
    signed(s.sizes.client.brotliBytes - s.sizes.openapiFetch.brotliBytes),
  ]);
  const breakdown = s.sizes.clientBySource ?? s.sizes.client;
  const total = breakdown.inputs.reduce((sum, input) => sum + input.bytes, 0);
  const byGzip = breakdown.inputs.some((input) => input.gzipBytes !== undefined);
  const inputs = breakdown.inputs
    .slice(0, byGzip ? 30 : 10)
    .map((input) => [
      `\`${input.path}\``,
      bytes(input.bytes),
      pct(input.bytes / total),
      ...(byGzip ? [input.gzipBytes === undefined ? "—" : bytes(input.gzipBytes)] : []),
    ]);
  return [
    `Measured on: ${machineLine(s.machine)}.`,
    table(["bundle (ESM, minified)", "minified", "gzip", "brotli"], rows),
    s.sizes.clientBySource
      ? `Where the client's bytes come from (the client bundled from its sources with the same settings, ${bytes(s.sizes.clientBySource.gzipBytes)} gzip; ` +
        "minified bytes per file, and the gzip bytes the bundle loses without the file — they overlap a little, so they add up to a bit more than the total):"
      : "What the client's bundle is made of (minified bytes per input, before compression):",
    table(["input", "minified", "share", ...(byGzip ? ["gzip without it"] : [])], inputs),
    `Budget check (\`packages/bench/size-budget.json\`):\n\n\`\`\`\n${s.verdict.lines.join("\n")}\n\`\`\``,
  ].join("\n\n");
}

function signed(n: number): string {
  return `${n >= 0 ? "+" : "−"}${bytes(Math.abs(n))}`;
}

/** The cold-import table. */
export function renderColdImport(results: LatestResults): string {
  const c = results.coldImport;
  if (!c) return "_Not measured yet: run `pnpm bench`._";
  const rows = c.arms.map((arm) => [
    arm.label,
    arm.id === "baseline" ? "—" : spread(arm.importMs, ms),
    spread(arm.processMs, ms),
    arm.id === "baseline" ? "—" : spread(arm.processAboveBaselineMs, ms),
  ]);
  return [
    `Measured on: ${machineLine(c.machine)}. ${c.rounds} interleaved rounds, one fresh \`node\` per arm per round; median (min–max).`,
    table(
      ["fresh process imports", "`import()` ms (inside)", "process ms (spawn to exit)", "ms above empty process"],
      rows,
    ),
  ].join("\n\n");
}

/** The bulk-throughput table. */
export function renderBulk(results: LatestResults): string {
  const b = results.bulk;
  if (!b) return "_Not measured yet: run `pnpm bench`._";
  const rows = b.arms.map((arm: BulkFigures) => [
    arm.rounds < b.rounds ? `${arm.label} (${arm.rounds} round${arm.rounds === 1 ? "" : "s"})` : arm.label,
    spread(arm.idsPerSecond, int),
    spread(arm.shareOfMax, pct),
    spread(arm.elapsedMs, (n) => seconds(n / 1000)),
    spread(arm.requests, int),
    spread(arm.rateLimited, int),
    spread(arm.lostIds, int),
  ]);
  return [
    `Measured on: ${machineLine(b.machine)}. ${int(b.ids)} flow-instance ids, ${b.idsPerRequest} per request; server limit ${b.requestsPerSecond} requests/s (leaky bucket, room for ${b.burst}); theoretical maximum ${int(b.theoreticalIdsPerSecond)} ids/s; up to ${b.rounds} interleaved rounds, median (min–max).`,
    table(["caller", "ids unassigned / s", "of the maximum", "seconds", "requests", "429s", "ids lost"], rows),
  ].join("\n\n");
}

/** The CPU-profile tables of `pnpm bench --profile`. */
export function renderProfile(results: LatestResults): string {
  const p = results.profile;
  if (!p) return "_No profile yet: run `pnpm bench --profile`._";
  const parts = [
    `Profiled on: ${machineLine(p.machine)}. V8's sampling profiler (\`node --cpu-prof\`, 100 µs interval), ${int(p.arms[0]?.calls ?? 0)} sequential list calls per arm over ${p.processesPerArm ?? 1} fresh processes, arms interleaved; self time per call. Sampled time includes moments the process was descheduled on a busy machine, so absolute figures run high; compare columns, not machines.`,
  ];
  const groupNames = [...new Set(p.arms.flatMap((arm) => arm.byGroup.map((g) => g.name)))];
  const groupRows = groupNames.map((name) => [
    name,
    ...p.arms.map((arm) => {
      const entry = arm.byGroup.find((g) => g.name === name);
      return entry ? micros(entry.selfMicrosPerCall) : "0";
    }),
  ]);
  groupRows.push(["**busy CPU per call**", ...p.arms.map((arm) => `**${micros(arm.busyMicrosPerCall)}**`)]);
  parts.push(table(["code (self µs per call)", ...p.arms.map((arm) => `\`${arm.id}\``)], groupRows));
  if (p.extraOverOpenapiFetch.length > 0) {
    parts.push("Functions where `client` spends more self time per call than `openapi-fetch` (largest first):");
    parts.push(
      table(
        ["function", "extra self µs per call"],
        p.extraOverOpenapiFetch.slice(0, 12).map((f) => [`\`${f.name}\``, micros(f.selfMicrosPerCall)]),
      ),
    );
  }
  if (p.hotPath) {
    parts.push(
      "Building blocks of a `fetch`-based call, timed alone (no network; interleaved rounds, median (min–max)):",
    );
    parts.push(
      table(
        ["operation", "µs per op"],
        p.hotPath.map((op) => [op.label, spread(op.microsPerOp, micros)]),
      ),
    );
  }
  return parts.join("\n\n");
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** The generated blocks of `docs/benchmarks.md`, by marker name. */
export const blocks: Record<string, (results: LatestResults) => string> = {
  summary: renderSummary,
  overhead: renderOverhead,
  size: renderSize,
  "cold-import": renderColdImport,
  bulk: renderBulk,
  "dev-loop": (results) => renderDevLoop(results.devLoop),
  profile: renderProfile,
  "shared-limit": (results) => renderSharedLimit(results, machineLine),
  "busy-limit": (results) => renderBusyLimit(results.busyLimit, machineLine),
  "cli-bulk": (results) => renderCliBulk(results.cliBulk),
};

/**
 * Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` for every block,
 * leaving the hand-written prose around them untouched. Throws when a marker is missing, so a page
 * edit that drops one is noticed instead of silently going stale.
 */
export function refreshDoc(doc: string, results: LatestResults): string {
  let out = doc;
  for (const [name, render] of Object.entries(blocks)) {
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/benchmarks.md: markers ${start} … ${end} are missing`);
    out = `${out.slice(0, from + start.length)}\n${render(results)}\n${out.slice(to)}`;
  }
  return out;
}
