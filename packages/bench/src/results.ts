import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, release, totalmem, type } from "node:os";
import { dirname } from "node:path";
import { latestPath, repoRoot } from "./lib/paths.js";

/** Where and when a run happened. */
export type MachineInfo = ReturnType<typeof machineInfo>;

/**
 * What `latest.json` holds: the last run's machine and notes (what it could not measure, and why), and
 * one section per experiment under its `key`, typed by the experiment that writes it.
 */
export interface LatestResults {
  schemaVersion: 1;
  machine: MachineInfo;
  notes: string[];
  [section: string]: unknown;
}

/** This machine, this Node and the repository's commit, for the tables' headers. */
export function machineInfo() {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    /** The repository's HEAD, with `+ uncommitted changes` when the tree differs from it. */
    commit: repositoryCommit(),
  };
}

function repositoryCommit(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  try {
    const head = git("rev-parse", "--short=12", "HEAD");
    return git("status", "--porcelain") === "" ? head : `${head} + uncommitted changes`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** The previous run's results, if any, so that sections not run this time keep their figures. */
export function readLatest(): Partial<LatestResults> {
  try {
    return existsSync(latestPath) ? (JSON.parse(readFileSync(latestPath, "utf8")) as Partial<LatestResults>) : {};
  } catch {
    return {};
  }
}

/** Writes `latest.json`, creating `results/` if needed. */
export async function writeLatest(results: LatestResults): Promise<void> {
  await mkdir(dirname(latestPath), { recursive: true });
  await writeFile(latestPath, `${JSON.stringify(results, null, 2)}\n`);
}
