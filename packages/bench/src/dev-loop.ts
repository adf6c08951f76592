import { createWriteStream } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { killProcessGroup, scratchDir, spawnInGroup } from "@gong-flows/testkit";
import {
  executedTasks,
  latestRunSummary,
  slowestTasks,
  unexpectedTasks,
  workspacePackages,
  type TaskTiming,
} from "./dev-loop-tasks.js";
import { median } from "./stats.js";

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
  const workDir = scratch.path;
  const cloneDir = join(workDir, "repo");
  const log = createWriteStream(join(workDir, "log.txt"));
  const say = options.onProgress ?? (() => {});
  try {
    const timed = async (
      label: string,
      command: string,
      args: string[],
      cwd = cloneDir,
    ): Promise<{ seconds: number; output: string }> => {
      say(`${label}...`);
      const started = performance.now();
      const output = await runLogged(command, args, cwd, log);
      const seconds = (performance.now() - started) / 1000;
      say(`${label}: ${seconds.toFixed(1)} s`);
      return { seconds, output };
    };
    // A `pnpm test` that fails still took its time: record the failure beside the figure rather than
    // measure nothing (the page says which tasks failed).
    const failures: string[] = [];
    const timedTest = async (
      label: string,
      extraArgs: readonly string[] = [],
    ): Promise<{ seconds: number; output: string }> => {
      say(`${label}...`);
      const started = performance.now();
      let output: string;
      try {
        output = await runLogged("pnpm", ["test", ...extraArgs], cloneDir, log);
      } catch (error) {
        output = String(error);
        const failed = /Failed:\s+(.+)/.exec(output)?.[1]?.trim() ?? "unknown task";
        failures.push(`${label}: failed (${failed})`);
      }
      const seconds = (performance.now() - started) / 1000;
      say(`${label}: ${seconds.toFixed(1)} s`);
      return { seconds, output };
    };
    // CI's own entry point on a clone of its own (its turbo cache empty), as a pull request's run starts.
    const timedCiRun = async (): Promise<number> => {
      const ciDir = join(workDir, "ci-clone");
      await runLogged("git", ["clone", "--quiet", options.repoDir, ciDir], workDir, log);
      say("bash .ci/run on a fresh clone...");
      const started = performance.now();
      try {
        await runLogged("bash", [".ci/run"], ciDir, log);
      } catch (error) {
        const failed = /Failed:\s+(.+)/.exec(String(error))?.[1]?.trim() ?? "see the log";
        failures.push(`bash .ci/run: failed (${failed})`);
      }
      const seconds = (performance.now() - started) / 1000;
      say(`bash .ci/run: ${seconds.toFixed(1)} s`);
      return seconds;
    };
    const clone = await timed("git clone", "git", ["clone", "--quiet", options.repoDir, cloneDir], workDir);
    const commit = (await runLogged("git", ["rev-parse", "HEAD"], cloneDir, log)).trim();
    const commitSubject = (await runLogged("git", ["log", "-1", "--format=%s"], cloneDir, log)).trim();
    const pnpmVersion = (await runLogged("pnpm", ["--version"], cloneDir, log)).trim();
    let installNote: string | undefined;
    let install: { seconds: number; output: string };
    try {
      install = await timed("pnpm install", "pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], cloneDir);
    } catch (error) {
      // A commit whose lockfile lags its package.json cannot install frozen; measure the rest anyway and
      // say so on the page, rather than report nothing.
      if (!String(error).includes("ERR_PNPM_OUTDATED_LOCKFILE")) throw error;
      installNote =
        "the measured commit's pnpm-lock.yaml was out of date with its package.json, so install ran with --no-frozen-lockfile";
      say(installNote);
      install = await timed("pnpm install", "pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], cloneDir);
    }
    const build = await timed("pnpm build", "pnpm", ["build"]);
    const loadBefore = loadavg()[0] ?? 0;
    const cold = await timedTest("pnpm test (cold)", ["--summarize"]);
    const loadAfter = loadavg()[0] ?? 0;
    const coldTasks = await latestRunSummary(cloneDir);
    const cachedRuns = 3;
    const cached: number[] = [];
    let fullyHit = true;
    for (let i = 0; i < cachedRuns; i++) {
      const run = await timedTest(`pnpm test (cached ${i + 1}/${cachedRuns})`);
      cached.push(run.seconds);
      fullyHit &&= run.output.includes("FULL TURBO");
    }
    await appendFile(join(cloneDir, editedSource.path), "// edited by the benchmark: one line\n");
    const afterSourceEdit = await timedTest(`pnpm test after a one-line edit of ${editedSource.path}`, ["--summarize"]);
    const executed = executedTasks(await latestRunSummary(cloneDir));
    const unexpected = unexpectedTasks(
      executed,
      editedSource.packageName,
      await workspacePackages(cloneDir),
      rootTasksReadingPackages,
    );
    await runLogged("git", ["checkout", "--", editedSource.path], cloneDir, log);
    const specPath = join(cloneDir, "spec/openapi.yaml");
    const typesPath = join(cloneDir, "packages/client/src/generated/schema.ts");
    const typesBefore = await readFile(typesPath, "utf8");
    await editSpec(
      specPath,
      "Prospects assigned flows request.",
      "Prospects assigned flows request (edited by the benchmark).",
    );
    const generate = await timed("pnpm generate after a spec edit", "pnpm", ["generate"]);
    const typesAfter = await readFile(typesPath, "utf8");
    await editSpec(
      specPath,
      "Unassign flows by CRM Prospect ID request.",
      "Unassign flows by CRM Prospect ID request (edited by the benchmark).",
    );
    const testAfterEdit = await timedTest("pnpm test after a spec edit");
    const ciRun = await timedCiRun();
    return {
      commit,
      commitSubject,
      date: new Date().toISOString(),
      node: process.version,
      pnpm: pnpmVersion,
      cloneSeconds: clone.seconds,
      installSeconds: install.seconds,
      installNote,
      buildSeconds: build.seconds,
      testColdSeconds: cold.seconds,
      testColdLoad: { before: loadBefore, after: loadAfter },
      slowestTasks: slowestTasks(coldTasks, 5),
      testCachedSeconds: median(cached),
      cachedRuns,
      cachedFullyHit: fullyHit,
      testAfterSourceEditSeconds: afterSourceEdit.seconds,
      sourceEditReran: { file: editedSource.path, executed, unexpected },
      generateAfterSpecEditSeconds: generate.seconds,
      specEditChangedTypes: typesAfter !== typesBefore,
      testAfterSpecEditSeconds: testAfterEdit.seconds,
      ciRunSeconds: ciRun,
      failures,
    };
  } finally {
    await new Promise((resolve) => log.end(resolve));
    await scratch.remove();
  }
}

/** Replaces a description in the spec; if the text is gone (the spec changed), appends a comment instead, which still invalidates the turbo cache. */
async function editSpec(specPath: string, find: string, replace: string): Promise<void> {
  const spec = await readFile(specPath, "utf8");
  await writeFile(specPath, spec.includes(find) ? spec.replace(find, replace) : `${spec}\n# edited by the benchmark\n`);
}

/**
 * The environment for the clone's commands: this run's own turbo and pnpm script variables removed, so
 * that the nested `pnpm test` behaves as if typed in a fresh shell.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TURBO_|npm_lifecycle_|npm_package_|PNPM_SCRIPT_SRC_DIR$|INIT_CWD$)/.test(key)) continue;
    env[key] = value;
  }
  env["TURBO_TELEMETRY_DISABLED"] = "1";
  env["DO_NOT_TRACK"] = "1";
  return env;
}

/** Runs a command, appends its output to `log`, resolves with its output; rejects with the tail on failure. */
function runLogged(command: string, args: string[], cwd: string, log: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    log.write(`\n$ ${command} ${args.join(" ")}  (in ${cwd})\n`);
    // Own process group: a timeout or an early exit of the benchmark ends turbo, vitest and any Prism
    // the tests started, not just pnpm.
    const child = spawnInGroup(command, args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString("utf8");
      output += text;
      log.write(text);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    // A bound on each step: the slowest, the cold `pnpm test`, takes a few minutes on this class of machine.
    const timer = setTimeout(() => void killProcessGroup(child, 1_000), 20 * 60_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      // Whatever the command left behind in its group (a stray server) goes with it.
      void killProcessGroup(child, 0).finally(() => {
        if (code === 0) resolve(output);
        else
          reject(
            new Error(`${command} ${args.join(" ")} failed (code ${code}, signal ${signal}):\n${output.slice(-4000)}`),
          );
      });
    });
  });
}
