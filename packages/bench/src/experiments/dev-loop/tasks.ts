import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One task of a turbo run, as its run summary (`turbo run … --summarize`) records it. */
export interface TaskTiming {
  /** `package#task`, as turbo names it (`//#test:spec` for the root's). */
  taskId: string;
  /** Start to end of the task, in seconds (0 for a cache hit replayed from the cache). */
  seconds: number;
  /** Whether turbo replayed it from its cache instead of running it. */
  cacheHit: boolean;
  exitCode: number | null;
}

interface SummaryTask {
  taskId?: unknown;
  cache?: { status?: unknown };
  execution?: { startTime?: unknown; endTime?: unknown; exitCode?: unknown };
}

/**
 * Reads the tasks of a turbo run summary (the JSON that `--summarize` writes under `.turbo/runs/`).
 * Throws on a file that is not one, naming what is missing, rather than reporting no task.
 */
export function parseRunSummary(json: string): TaskTiming[] {
  const summary = JSON.parse(json) as { tasks?: unknown };
  if (!Array.isArray(summary.tasks)) throw new Error("not a turbo run summary: it has no `tasks` list");
  return (summary.tasks as SummaryTask[]).map((task, index) => {
    if (typeof task.taskId !== "string") throw new Error(`turbo run summary: task ${index} has no taskId`);
    const { startTime, endTime, exitCode } = task.execution ?? {};
    const timed = typeof startTime === "number" && typeof endTime === "number";
    return {
      taskId: task.taskId,
      seconds: timed ? (endTime - startTime) / 1000 : 0,
      cacheHit: task.cache?.status === "HIT",
      exitCode: typeof exitCode === "number" ? exitCode : null,
    };
  });
}

/** The newest run summary under `<repo>/.turbo/runs/`, parsed. */
export async function latestRunSummary(repoDir: string): Promise<TaskTiming[]> {
  const dir = join(repoDir, ".turbo/runs");
  const files = (await readdir(dir)).filter((file) => file.endsWith(".json"));
  const dated = await Promise.all(files.map(async (file) => ({ file, text: await readFile(join(dir, file), "utf8") })));
  // Each summary records its own start; the file names are opaque ids.
  const started = (text: string) =>
    Number((JSON.parse(text) as { execution?: { startTime?: number } }).execution?.startTime ?? 0);
  const newest = dated.sort((a, b) => started(b.text) - started(a.text))[0];
  if (newest === undefined) throw new Error(`no turbo run summary in ${dir}`);
  return parseRunSummary(newest.text);
}

/** The `count` tasks that ran longest (cache hits excluded), slowest first. */
export function slowestTasks(tasks: readonly TaskTiming[], count: number): TaskTiming[] {
  return tasks
    .filter((task) => !task.cacheHit)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);
}

/** The ids of the tasks turbo ran rather than replayed, sorted. */
export function executedTasks(tasks: readonly TaskTiming[]): string[] {
  return tasks
    .filter((task) => !task.cacheHit)
    .map((task) => task.taskId)
    .sort();
}

/** A workspace package: its name and the workspace packages it names in any dependency field. */
export interface WorkspacePackage {
  name: string;
  dependsOn: readonly string[];
}

/** `name` and every workspace package that depends on it, directly or through others. */
export function dependentsOf(name: string, packages: readonly WorkspacePackage[]): Set<string> {
  const found = new Set([name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pkg of packages) {
      if (!found.has(pkg.name) && pkg.dependsOn.some((dependency) => found.has(dependency))) {
        found.add(pkg.name);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * The executed tasks that an edit of `edited`'s sources should not have run: tasks of packages that do
 * not depend on it. Root tasks (`//#…`) read the whole tree (the code lint) or named inputs only (the
 * spec's), so they count as expected when they read the edited package's folder (`rootTasksReading`).
 */
export function unexpectedTasks(
  executed: readonly string[],
  edited: string,
  packages: readonly WorkspacePackage[],
  rootTasksReading: readonly string[],
): string[] {
  const allowed = dependentsOf(edited, packages);
  return executed.filter((taskId) => {
    const [pkg] = taskId.split("#");
    if (pkg === "//") return !rootTasksReading.includes(taskId);
    return !allowed.has(pkg ?? "");
  });
}

/** The workspace packages under `<repo>/packages/*`, each with the workspace packages it depends on. */
export async function workspacePackages(repoDir: string): Promise<WorkspacePackage[]> {
  const dir = join(repoDir, "packages");
  const names = await readdir(dir);
  const manifests = await Promise.all(
    names.map(
      async (folder) =>
        JSON.parse(await readFile(join(dir, folder, "package.json"), "utf8")) as Record<string, unknown>,
    ),
  );
  const workspace = new Set(manifests.map((manifest) => String(manifest["name"])));
  return manifests.map((manifest) => {
    const fields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
    const named = fields.flatMap((field) => Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}));
    return {
      name: String(manifest["name"]),
      dependsOn: [...new Set(named.filter((dependency) => workspace.has(dependency)))],
    };
  });
}
