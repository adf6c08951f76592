import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, release, totalmem, type } from "node:os";
import { dirname } from "node:path";
import { latestPath, repoRoot } from "./lib/paths.js";

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

/**
 * What `packages/bench/results/latest.json` holds: the last run's machine and notes, and one section per
 * experiment under its `key` (typed by the experiment that writes it). Sections not run keep their figures.
 */
export interface LatestResults {
  schemaVersion: 1;
  machine: MachineInfo;
  /** Things the run could not measure, and why (for example: the client was not built yet). */
  notes: string[];
  [section: string]: unknown;
}

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
