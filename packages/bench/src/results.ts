import type { BusyLimitResult } from "./busy-limit.js";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, release, totalmem, type } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { BulkResult } from "./bulk.js";
import type { CliBulkResult } from "./cli-bulk.js";
import { repoRoot } from "./paths.js";
import type { BudgetVerdict, SizeBudget, SizeComparison } from "./bundle-size.js";
import type { ColdImportResult } from "./cold-import.js";
import type { DevLoopResult } from "./dev-loop.js";
import type { OverheadResult } from "./overhead.js";
import type { ProfileResult } from "./profile.js";
import type { SharedLimitResult } from "./shared-limit.js";

/** Where and when a run happened. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** The repository's HEAD, with `+ uncommitted changes` when the tree differs from it. */
  commit: string;
}

/** Everything `packages/bench/results/latest.json` holds. Sections not run this time keep their last figures. */
export interface LatestResults {
  schemaVersion: 1;
  machine: MachineInfo;
  overhead?: { sequential: OverheadResult; concurrent: OverheadResult; machine: MachineInfo } | undefined;
  size?: { sizes: SizeComparison; budget: SizeBudget; verdict: BudgetVerdict; machine: MachineInfo } | undefined;
  coldImport?: (ColdImportResult & { machine: MachineInfo }) | undefined;
  bulk?: (BulkResult & { machine: MachineInfo }) | undefined;
  devLoop?: (DevLoopResult & { machine: MachineInfo }) | undefined;
  profile?: (ProfileResult & { machine: MachineInfo }) | undefined;
  sharedLimit?: (SharedLimitResult & { machine: MachineInfo }) | undefined;
  /** Both rate-limit stores with every core of the machine busy, judged at the server. */
  busyLimit?: (BusyLimitResult & { machine: MachineInfo }) | undefined;
  /** The CLI's bulk job against the mock (`@gong-flows/cli`). */
  cliBulk?: (CliBulkResult & { machine: MachineInfo }) | undefined;
  /** Things the run could not measure, and why (for example: the client was not built yet). */
  notes: string[];
}

/** `packages/bench/results/latest.json`. */
export const latestPath = fileURLToPath(new URL("../results/latest.json", import.meta.url));
/** `docs/benchmarks.md`, whose generated blocks every run refreshes. */
export const docPath = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));

/** Describes this machine, this Node and the repository's commit, for the tables' headers. */
export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit: repositoryCommit(),
  };
}

function repositoryCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** The previous run's results, if any, so that sections not run this time keep their figures. */
export function readLatest(): Partial<LatestResults> {
  if (!existsSync(latestPath)) return {};
  try {
    return JSON.parse(readFileSync(latestPath, "utf8")) as Partial<LatestResults>;
  } catch {
    return {};
  }
}

/** Writes `latest.json`, creating `results/` if needed. */
export async function writeLatest(results: LatestResults): Promise<void> {
  await mkdir(dirname(latestPath), { recursive: true });
  await writeFile(latestPath, `${JSON.stringify(results, null, 2)}\n`);
}
