import { createWriteStream } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { scratchDir } from "@gong-flows/testkit";
import { median } from "../../lib/stats.js";
import { editSpec, LoopSession } from "./steps.js";
import { executedTasks, latestRunSummary, slowestTasks, unexpectedTasks, workspacePackages } from "./tasks.js";

/** The source file the one-line edit changes, and the package it belongs to. */
export const editedSource = { path: "packages/cli/src/bin.ts", packageName: "@gong-flows/cli" } as const;
/** Root tasks that read every package's folder, so an edit of any package re-runs them (see turbo.json). */
export const rootTasksReadingPackages = ["//#lint:code"] as const;

export type DevLoopResult = Awaited<ReturnType<typeof measureDevLoop>>;

/**
 * Times, on a fresh clone of `repoDir`'s HEAD, what a contributor runs: install and build, `pnpm test` cold,
 * cached and after a source or spec edit, then `bash .ci/run` on a second clone. The clones are deleted.
 */
export async function measureDevLoop(repoDir: string, say: (message: string) => void) {
  const scratch = await scratchDir("gong-flows-devloop-");
  const log = createWriteStream(join(scratch.path, "log.txt"));
  const session = new LoopSession(scratch.path, join(scratch.path, "repo"), log, say);
  try {
    const setup = await cloneAndBuild(session, repoDir);
    const tests = await testRuns(session);
    const sourceEdit = await afterSourceEdit(session);
    const specEdit = await afterSpecEdit(session);
    const ciRunSeconds = await session.timedCiRun(repoDir);
    const { failures } = session;
    return {
      ...setup,
      date: new Date().toISOString(),
      node: process.version,
      ...tests,
      ...sourceEdit,
      ...specEdit,
      ciRunSeconds,
      failures,
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
  const install = (frozen: string) => session.timed("pnpm install", "pnpm", ["install", frozen, "--prefer-offline"]);
  // Set when the measured commit's lockfile lags its package.json: measure the rest anyway, and say so.
  let installNote: string | undefined;
  const installed = await install("--frozen-lockfile").catch((error: unknown) => {
    if (!String(error).includes("ERR_PNPM_OUTDATED_LOCKFILE")) throw error;
    installNote =
      "the measured commit's pnpm-lock.yaml was out of date with its package.json, so install ran with --no-frozen-lockfile";
    session.say(installNote);
    return install("--no-frozen-lockfile");
  });
  const build = await session.timed("pnpm build", "pnpm", ["build"]);
  const seconds = { cloneSeconds: clone.seconds, installSeconds: installed.seconds, buildSeconds: build.seconds };
  return { commit, commitSubject, pnpm, ...seconds, ...(installNote ? { installNote } : {}) };
}

/** The cold run (empty turbo cache, the load average beside it), then the median of three cached runs. */
async function testRuns(session: LoopSession) {
  const loadBefore = loadavg()[0] ?? 0;
  const cold = await session.timedTest("pnpm test (cold)", ["--summarize"]);
  const testColdLoad = { before: loadBefore, after: loadavg()[0] ?? 0 };
  const coldTasks = await latestRunSummary(session.cloneDir);
  const cachedRuns = 3;
  const cached = [];
  for (let i = 0; i < cachedRuns; i++)
    cached.push(await session.timedTest(`pnpm test (cached ${i + 1}/${cachedRuns})`));
  return {
    testColdSeconds: cold.seconds,
    testColdLoad,
    slowestTasks: slowestTasks(coldTasks, 5),
    testCachedSeconds: median(cached.map((run) => run.seconds)),
    cachedRuns,
    // Whether turbo replayed every task of every repeat run from its cache ("FULL TURBO").
    cachedFullyHit: cached.every((run) => run.output.includes("FULL TURBO")),
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

/** `pnpm generate` after a spec edit (did the types change?), then `pnpm test` after another. */
async function afterSpecEdit(session: LoopSession) {
  const specPath = join(session.cloneDir, "spec/openapi.yaml");
  const typesPath = join(session.cloneDir, "packages/client/src/generated/schema.ts");
  const typesBefore = await readFile(typesPath, "utf8");
  const edited = (text: string) => editSpec(specPath, text, `${text.slice(0, -1)} (edited by the benchmark).`);
  await edited("Prospects assigned flows request.");
  const generate = await session.timed("pnpm generate after a spec edit", "pnpm", ["generate"]);
  const specEditChangedTypes = (await readFile(typesPath, "utf8")) !== typesBefore;
  await edited("Unassign flows by CRM Prospect ID request.");
  const testAfterEdit = await session.timedTest("pnpm test after a spec edit");
  return {
    generateAfterSpecEditSeconds: generate.seconds,
    specEditChangedTypes,
    testAfterSpecEditSeconds: testAfterEdit.seconds,
  };
}
