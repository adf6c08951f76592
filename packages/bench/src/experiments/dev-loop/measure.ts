import { createWriteStream } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { scratchDir } from "@gong-flows/testkit";
import { editSpec, LoopSession, type Timed } from "./steps.js";
import {
  executedTasks,
  latestRunSummary,
  slowestTasks,
  unexpectedTasks,
  workspacePackages,
  type TaskTiming,
} from "./tasks.js";
import { median } from "../../lib/stats.js";

/** The source file the one-line edit changes, and the package it belongs to. */
export const editedSource = { path: "packages/cli/src/bin.ts", packageName: "@gong-flows/cli" } as const;
/** Root tasks that read every package's folder, so an edit of any package re-runs them (see turbo.json). */
export const rootTasksReadingPackages = ["//#lint:code"] as const;

/** Figures of the developer loop, in seconds, measured once on fresh clones. */
export interface DevLoopResult {
  /** The commit that was cloned and measured. */
  commit: string;
  commitSubject: string;
  date: string;
  node: string;
  pnpm: string;
  cloneSeconds: number;
  /** `pnpm install --frozen-lockfile` with the machine's pnpm store already filled (no downloads). */
  installSeconds: number;
  /** Set when the install could not run as described above, saying how it ran instead. */
  installNote?: string | undefined;
  /** `pnpm build` after the install (the cold `pnpm test` starts from its outputs). */
  buildSeconds?: number | undefined;
  /** First `pnpm test` after install and build: empty turbo cache for every check. */
  testColdSeconds: number;
  /** The 1-minute load average before and after the cold run: a busy machine inflates every figure. */
  testColdLoad?: { before: number; after: number } | undefined;
  /** The five tasks of the cold run that took longest, slowest first. */
  slowestTasks?: TaskTiming[] | undefined;
  /** `pnpm test` again with nothing changed: the median of `cachedRuns` runs. */
  testCachedSeconds: number;
  cachedRuns: number;
  /** Whether turbo reported every task of the repeat run as a cache hit ("FULL TURBO"). */
  cachedFullyHit: boolean;
  /** `pnpm test` after a one-line edit of {@link editedSource}. */
  testAfterSourceEditSeconds?: number | undefined;
  /** The tasks that run re-executed, and those of them that do not depend on the edited package. */
  sourceEditReran?: { file: string; executed: string[]; unexpected: string[] } | undefined;
  /** `pnpm generate` after a description in the spec was edited (types regenerated). */
  generateAfterSpecEditSeconds: number;
  /** Whether that edit changed the generated types, as it should. */
  specEditChangedTypes: boolean;
  /** `pnpm test` after a second spec edit: the whole "edit the spec, run the checks" loop. */
  testAfterSpecEditSeconds: number;
  /** `bash .ci/run` on a second fresh clone: installs, build, every check and the runtime matrix. */
  ciRunSeconds?: number | undefined;
  /** Timed runs that failed, with turbo's list of failed tasks; empty when all passed. */
  failures: string[];
}

/** Options of {@link measureDevLoop}. */
export interface DevLoopOptions {
  /** The repository to clone (its committed HEAD is measured, not uncommitted changes). */
  repoDir: string;
  onProgress?: (message: string) => void;
}

/**
 * Clones `repoDir` into a temporary directory and times, there, what a contributor runs: install and
 * build, `pnpm test` cold (and its five slowest tasks), cached, after a one-line edit of one package's
 * source (and which tasks that re-ran), regeneration after a spec edit; then `bash .ci/run` on a second
 * fresh clone. The clones are deleted afterwards, also on failure. Takes many minutes: it is the opt-in
 * `pnpm bench --dev-loop`.
 */
export async function measureDevLoop(options: DevLoopOptions): Promise<DevLoopResult> {
  const scratch = await scratchDir("gong-flows-devloop-");
  const log = createWriteStream(join(scratch.path, "log.txt"));
  const session = new LoopSession(scratch.path, join(scratch.path, "repo"), log, options.onProgress ?? (() => {}));
  try {
    const setup = await cloneAndBuild(session, options.repoDir);
    const tests = await testRuns(session);
    const sourceEdit = await afterSourceEdit(session);
    const specEdit = await afterSpecEdit(session);
    const ciRunSeconds = await session.timedCiRun(options.repoDir);
    return {
      ...setup,
      date: new Date().toISOString(),
      node: process.version,
      ...tests,
      ...sourceEdit,
      ...specEdit,
      ciRunSeconds,
      failures: session.failures,
    };
  } finally {
    await new Promise((resolve) => log.end(resolve));
    await scratch.remove();
  }
}

async function cloneAndBuild(session: LoopSession, repoDir: string) {
  const clone = await session.timed(
    "git clone",
    "git",
    ["clone", "--quiet", repoDir, session.cloneDir],
    session.workDir,
  );
  const commit = (await session.run("git", ["rev-parse", "HEAD"])).trim();
  const commitSubject = (await session.run("git", ["log", "-1", "--format=%s"])).trim();
  const pnpm = (await session.run("pnpm", ["--version"])).trim();
  let installNote: string | undefined;
  let install: Timed;
  try {
    install = await session.timed("pnpm install", "pnpm", ["install", "--frozen-lockfile", "--prefer-offline"]);
  } catch (error) {
    // A commit whose lockfile lags its package.json cannot install frozen; measure the rest anyway and
    // say so on the page, rather than report nothing.
    if (!String(error).includes("ERR_PNPM_OUTDATED_LOCKFILE")) throw error;
    installNote =
      "the measured commit's pnpm-lock.yaml was out of date with its package.json, so install ran with --no-frozen-lockfile";
    session.say(installNote);
    install = await session.timed("pnpm install", "pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"]);
  }
  const build = await session.timed("pnpm build", "pnpm", ["build"]);
  const seconds = { cloneSeconds: clone.seconds, installSeconds: install.seconds, buildSeconds: build.seconds };
  return { commit, commitSubject, pnpm, ...seconds, installNote };
}

async function testRuns(session: LoopSession) {
  const loadBefore = loadavg()[0] ?? 0;
  const cold = await session.timedTest("pnpm test (cold)", ["--summarize"]);
  const loadAfter = loadavg()[0] ?? 0;
  const coldTasks = await latestRunSummary(session.cloneDir);
  const cachedRuns = 3;
  const cached: number[] = [];
  let fullyHit = true;
  for (let i = 0; i < cachedRuns; i++) {
    const run = await session.timedTest(`pnpm test (cached ${i + 1}/${cachedRuns})`);
    cached.push(run.seconds);
    fullyHit &&= run.output.includes("FULL TURBO");
  }
  return {
    testColdSeconds: cold.seconds,
    testColdLoad: { before: loadBefore, after: loadAfter },
    slowestTasks: slowestTasks(coldTasks, 5),
    testCachedSeconds: median(cached),
    cachedRuns,
    cachedFullyHit: fullyHit,
  };
}

async function afterSourceEdit(session: LoopSession) {
  const { cloneDir } = session;
  await appendFile(join(cloneDir, editedSource.path), "// edited by the benchmark: one line\n");
  const run = await session.timedTest(`pnpm test after a one-line edit of ${editedSource.path}`, ["--summarize"]);
  const executed = executedTasks(await latestRunSummary(cloneDir));
  const packages = await workspacePackages(cloneDir);
  const unexpected = unexpectedTasks(executed, editedSource.packageName, packages, rootTasksReadingPackages);
  await session.run("git", ["checkout", "--", editedSource.path]);
  return {
    testAfterSourceEditSeconds: run.seconds,
    sourceEditReran: { file: editedSource.path, executed, unexpected },
  };
}

async function afterSpecEdit(session: LoopSession) {
  const specPath = join(session.cloneDir, "spec/openapi.yaml");
  const typesPath = join(session.cloneDir, "packages/client/src/generated/schema.ts");
  const typesBefore = await readFile(typesPath, "utf8");
  await editSpec(
    specPath,
    "Prospects assigned flows request.",
    "Prospects assigned flows request (edited by the benchmark).",
  );
  const generate = await session.timed("pnpm generate after a spec edit", "pnpm", ["generate"]);
  const typesAfter = await readFile(typesPath, "utf8");
  await editSpec(
    specPath,
    "Unassign flows by CRM Prospect ID request.",
    "Unassign flows by CRM Prospect ID request (edited by the benchmark).",
  );
  const testAfterEdit = await session.timedTest("pnpm test after a spec edit");
  return {
    generateAfterSpecEditSeconds: generate.seconds,
    specEditChangedTypes: typesAfter !== typesBefore,
    testAfterSpecEditSeconds: testAfterEdit.seconds,
  };
}
