import type { MachineInfo } from "./results.js";

/** A result as `latest.json` keeps it: the figures and the machine they were measured on. */
export type Stored<R> = R & { machine: MachineInfo };

/**
 * One experiment of the benchmark page: what it runs, the goals it is judged by, how it renders its
 * block. Adding one is a folder exporting this and a line in `registry.ts`.
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
  /** Measures; `log` prints a progress line under the experiment's title. */
  run(log: (message: string) => void): Promise<R>;
  /** Its rows of the page's goals table (goal, target, measured, verdict), also when nothing was measured. */
  goalRows?(result: Stored<R> | undefined): string[][];
  /** Its generated block of the page, from a result. */
  render(result: Stored<R>): string;
  /** Brings a recorded result up to date with today's settings before it is shown (the size budget). */
  settle?(result: Stored<R>): Stored<R>;
}

/** An experiment with its result type erased, as the registry holds it. */
export type RegisteredExperiment = ReturnType<typeof defineExperiment>;

/**
 * Registers an experiment. `latest.json` is read as JSON, so the one place its sections meet their
 * types is here: each section is read as the result of the experiment that wrote it.
 */
export function defineExperiment<R extends object>(experiment: Experiment<R>) {
  const typed = (stored: unknown): Stored<R> | undefined => (stored ?? undefined) as Stored<R> | undefined;
  const { id, key, flag, title } = experiment;
  return {
    id,
    key,
    flag,
    title,
    run: (log: (message: string) => void): Promise<object> => experiment.run(log),
    goalRows: (stored: unknown) => experiment.goalRows?.(typed(stored)) ?? [],
    render: (stored: unknown) => {
      const result = typed(stored);
      return result ? experiment.render(result) : `_Not measured yet: run \`pnpm bench ${flag ?? `--only=${id}`}\`._`;
    },
    settle: (stored: unknown) => {
      const result = typed(stored);
      return result && experiment.settle ? experiment.settle(result) : result;
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
  if (args.includes("--doc-only")) return [];
  // The slow, opt-in experiments run on their own.
  const flagged = all.filter((experiment) => experiment.flag !== undefined && args.includes(experiment.flag));
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
