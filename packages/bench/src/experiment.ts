import type { MachineInfo } from "./results.js";

/** A result as `latest.json` keeps it: the figures and the machine they were measured on. */
export type Stored<R> = R & { machine: MachineInfo };

/** What every experiment's run receives. */
export interface RunContext {
  /** Prints a progress line under the experiment's name. */
  log(message: string): void;
}

/**
 * One experiment of the benchmark page: what it runs, the goals it is judged by, how it renders its
 * tables. Adding one is a folder exporting this and a line in `registry.ts`.
 */
export interface Experiment<R extends object> {
  /** `--only=` name, and NAME of its block `<!-- bench:NAME:start -->` in `docs/benchmarks.md`. */
  id: string;
  /** Its key in `latest.json`. */
  key: string;
  /** A flag (`--dev-loop`) for a slow experiment run only when asked for, alone; default: run by `pnpm bench`. */
  flag?: string;
  /** One line logged as it starts. */
  title: string;
  run(context: RunContext): Promise<R>;
  /** Its rows of the page's goals table: goal, target, measured, verdict. */
  goalRows?(result: Stored<R> | undefined): string[][];
  /** Its generated block of the page. */
  render(result: Stored<R> | undefined): string;
  /** Brings a recorded result up to date with today's settings before it is shown (the size budget). */
  settle?(result: Stored<R>): Stored<R>;
  /** A chart beside the page: its file name in `docs/` and the SVG, when the result allows one. */
  chart?(result: Stored<R>): { file: string; svg: string } | undefined;
}

/** An experiment with its result type erased, as the registry holds it. */
export interface RegisteredExperiment {
  readonly id: string;
  readonly key: string;
  readonly flag: string | undefined;
  readonly title: string;
  run(context: RunContext): Promise<object>;
  goalRows(stored: unknown): string[][];
  render(stored: unknown): string;
  settle(stored: unknown): unknown;
  chart(stored: unknown): { file: string; svg: string } | undefined;
}

/**
 * Registers an experiment. `latest.json` is read as JSON, so the one place its sections meet their
 * types is here: each section is read as the result of the experiment that wrote it.
 */
export function defineExperiment<R extends object>(experiment: Experiment<R>): RegisteredExperiment {
  const typed = (stored: unknown): Stored<R> | undefined => (stored ?? undefined) as Stored<R> | undefined;
  return {
    id: experiment.id,
    key: experiment.key,
    flag: experiment.flag,
    title: experiment.title,
    run: (context) => experiment.run(context),
    goalRows: (stored) => experiment.goalRows?.(typed(stored)) ?? [],
    render: (stored) => experiment.render(typed(stored)),
    settle: (stored) => {
      const result = typed(stored);
      return result && experiment.settle ? experiment.settle(result) : result;
    },
    chart: (stored) => {
      const result = typed(stored);
      return result && experiment.chart ? experiment.chart(result) : undefined;
    },
  };
}

/** Which experiments to run, or none with `--doc-only`. */
export function chooseExperiments(
  argv: readonly string[],
  all: readonly RegisteredExperiment[],
): RegisteredExperiment[] {
  const args = argv.filter((arg) => arg !== "--");
  const known = (arg: string) => arg === "--doc-only" || arg.startsWith("--only=") || all.some((e) => e.flag === arg);
  const unknown = args.find((arg) => !known(arg));
  if (unknown) throw new Error(`unknown argument ${unknown}; see the top of packages/bench/src/cli.ts`);
  // The slow, opt-in experiments run on their own.
  const flagged = all.filter((experiment) => experiment.flag !== undefined && args.includes(experiment.flag));
  if (args.includes("--doc-only")) return [];
  if (flagged.length > 0) return flagged;
  const only = args
    .find((arg) => arg.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  for (const id of only ?? []) {
    if (!all.some((experiment) => experiment.id === id))
      throw new Error(`unknown section ${id}; known: ${all.map((experiment) => experiment.id).join(", ")}`);
  }
  return all.filter((experiment) => (only ? only.includes(experiment.id) : experiment.flag === undefined));
}
