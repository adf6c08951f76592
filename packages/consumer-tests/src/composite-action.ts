import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { type ProcessOutcome, runProcess } from "./run-process.js";

/** One step of a composite action as it ran. */
export interface StepRun extends ProcessOutcome {
  readonly id: string | undefined;
  readonly name: string;
  /** What the step wrote to `$GITHUB_OUTPUT`. */
  readonly outputs: Record<string, string>;
}

/** How to run an action: what GitHub would provide. */
export interface ActionRunOptions {
  /** The inputs given with `with:`; the others take their defaults. */
  readonly inputs: Record<string, string>;
  /** `runner.temp` and the folder of the step files. */
  readonly runnerTemp: string;
  /** The workspace: each step's working directory. */
  readonly workspace: string;
  /** The environment every step starts from (the action's own `env` is added per step). */
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}

interface ActionStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

/** Evaluates the expressions a composite action's steps may use here: inputs, earlier steps' outputs, `runner.temp`. */
function evaluate(
  text: string,
  context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; runnerTemp: string },
): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input?.[1] !== undefined) return context.inputs[input[1]] ?? "";
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output?.[1] !== undefined && output[2] !== undefined) return context.steps[output[1]]?.[output[2]] ?? "";
    if (expression === "runner.temp") return context.runnerTemp;
    throw new Error(`the action uses an expression this runner does not evaluate: \${{ ${expression} }}`);
  });
}

/** `name=value` lines of a `$GITHUB_OUTPUT` file (the single-line form, the only one the action writes). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

/**
 * Runs a composite action's `run` steps locally as GitHub runs them: each script written to a file
 * and run with `bash --noprofile --norc -eo pipefail`, in the workspace, with the step's `env`
 * (expressions evaluated) over the given environment, a `$GITHUB_OUTPUT` file per step; stops at the
 * first step that fails. Only `shell: bash` steps are supported; anything else throws.
 */
export async function runCompositeAction(actionPath: string, options: ActionRunOptions): Promise<StepRun[]> {
  const action = parse(await readFile(actionPath, "utf8")) as {
    inputs?: Record<string, { default?: string }>;
    runs: { using: string; steps: ActionStep[] };
  };
  if (action.runs.using !== "composite") throw new Error(`${actionPath}: not a composite action`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {}))
    inputs[name] = options.inputs[name] ?? String(spec.default ?? "");
  for (const name of Object.keys(options.inputs))
    if (!(name in inputs)) throw new Error(`${actionPath} has no input "${name}"`);
  const context = { inputs, steps: {} as Record<string, Record<string, string>>, runnerTemp: options.runnerTemp };
  const runs: StepRun[] = [];
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.run === undefined || step.shell !== "bash")
      throw new Error(`${actionPath}: step ${index + 1} is not a bash run step`);
    const script = join(options.runnerTemp, `step-${index + 1}.sh`);
    const outputFile = join(options.runnerTemp, `step-${index + 1}.output`);
    await writeFile(script, evaluate(step.run, context));
    await writeFile(outputFile, "");
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(String(value), context)]),
    );
    const env = {
      ...options.env,
      RUNNER_TEMP: options.runnerTemp,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: outputFile,
      ...stepEnv,
    };
    const outcome = await runProcess("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: options.workspace,
      env,
      timeoutMs: options.timeoutMs,
    });
    const outputs = parseOutputs(await readFile(outputFile, "utf8"));
    if (step.id) context.steps[step.id] = outputs;
    runs.push({ ...outcome, id: step.id, name: step.name ?? `step ${index + 1}`, outputs });
    if (outcome.code !== 0) break;
  }
  return runs;
}
