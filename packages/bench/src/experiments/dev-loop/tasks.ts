import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One task of a turbo run as its run summary (`--summarize`) records it: `package#task`, start to end, cache hit. */
export interface TaskTiming {
  taskId: string;
  /** Seconds (0 for a cache hit replayed from the cache). */
  seconds: number;
  cacheHit: boolean;
  exitCode: number | null;
}

/** A workspace package: its name and the workspace packages it names in any dependency field. */
export interface WorkspacePackage {
  name: string;
  dependsOn: readonly string[];
}

interface SummaryTask {
  taskId?: unknown;
  cache?: { status?: unknown };
  execution?: { startTime?: unknown; endTime?: unknown; exitCode?: unknown };
}

/** Reads the tasks of a turbo run summary; throws on a file that is not one, naming what is missing. */
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

/** The newest run summary under `<repo>/.turbo/runs/`, by the start each records (the names are opaque). */
export async function latestRunSummary(repoDir: string): Promise<TaskTiming[]> {
  const dir = join(repoDir, ".turbo/runs");
  const files = (await readdir(dir)).filter((file) => file.endsWith(".json"));
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  const started = (text: string) =>
    Number((JSON.parse(text) as { execution?: { startTime?: number } }).execution?.startTime ?? 0);
  const newest = texts.sort((a, b) => started(b) - started(a))[0];
  if (newest === undefined) throw new Error(`no turbo run summary in ${dir}`);
  return parseRunSummary(newest);
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

/** `name` and every workspace package that depends on it, directly or through others. */
export function dependentsOf(name: string, packages: readonly WorkspacePackage[]): Set<string> {
  const found = new Set([name]);
  for (let grew = true; grew; ) {
    const more = packages.filter((pkg) => !found.has(pkg.name) && pkg.dependsOn.some((d) => found.has(d)));
    for (const pkg of more) found.add(pkg.name);
    grew = more.length > 0;
  }
  return found;
}

/**
 * The executed tasks an edit of `edited`'s sources should not have run: tasks of packages that do not
 * depend on it, and root tasks (`//#…`) other than those that read every package's folder (`rootTasksReading`).
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
    return pkg === "//" ? !rootTasksReading.includes(taskId) : !allowed.has(pkg ?? "");
  });
}

/** The workspace packages under `<repo>/packages/*`, each with the workspace packages it depends on. */
export async function workspacePackages(repoDir: string): Promise<WorkspacePackage[]> {
  const dir = join(repoDir, "packages");
  const manifests = await Promise.all(
    (await readdir(dir)).map(
      async (folder) =>
        JSON.parse(await readFile(join(dir, folder, "package.json"), "utf8")) as Record<string, unknown>,
    ),
  );
  const workspace = new Set(manifests.map((manifest) => String(manifest["name"])));
  const fields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
  return manifests.map((manifest) => {
    const named = fields.flatMap((field) => Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}));
    return { name: String(manifest["name"]), dependsOn: [...new Set(named.filter((name) => workspace.has(name)))] };
  });
}
