import { appendPointer, jsonMediaType, type OperationSpec, valueAt } from "@gong-flows/spec-reader";
import type { ContractModel } from "../spec/model.js";
import { sampleValue } from "./sample.js";

/** A response Prism is asked for: a documented status, from the spec's example or generated. */
export type ForcedResponse = { status: number; mode: "example" } | { status: number; mode: "dynamic"; seed: number };

/**
 * Every response to force for an operation: each documented status (the numeric ones; `4XX` or
 * `default` name no single status), once from the spec's example and once per seed generated from
 * the schema.
 */
export function forcedResponses(operation: OperationSpec, seeds: readonly number[]): ForcedResponse[] {
  const statuses = operation.responses
    .map((r) => r.status)
    .filter((s) => /^\d{3}$/.test(s))
    .map(Number);
  return statuses.flatMap((status): ForcedResponse[] => [
    { status, mode: "example" },
    ...seeds.map((seed): ForcedResponse => ({ status, mode: "dynamic", seed })),
  ]);
}

/**
 * Prism's `Prefer` header for a forced response. Prism seeds its generator (json-schema-faker) from
 * `seed=`, so a dynamic answer is the same on every run.
 */
export function preferHeader(forced: ForcedResponse): string {
  return forced.mode === "example"
    ? `code=${forced.status}`
    : `code=${forced.status}, dynamic=true, seed=${forced.seed}`;
}

/** How a forced response is named in reports. */
export function describeForced(forced: ForcedResponse): string {
  return forced.mode === "example"
    ? `forced ${forced.status} from the example`
    : `forced ${forced.status}, generated with seed ${forced.seed}`;
}

/**
 * The spec's example input of an operation: the example of its request body (of one form, when
 * `form` names one) or a made-up valid body when it has none; for an operation without a body, its
 * required parameters, each from the spec's example or made up.
 */
export function exampleInput(model: ContractModel, operation: OperationSpec, form?: string): unknown {
  if (model.inputKind(operation) === "parameters") {
    const required = model.parameters(operation).filter((parameter) => parameter.required);
    return Object.fromEntries(
      required.map((p) => [
        p.name,
        valueAt(model.spec, appendPointer(p.pointer, "example")) ?? sampleValue(model.spec, p.schemaPointer),
      ]),
    );
  }
  const forms = model.inputForms(operation);
  const media = operation.requestBody && jsonMediaType(operation.requestBody.content);
  const example = media ? valueAt(model.spec, appendPointer(media.pointer, "example")) : undefined;
  const chosen = form ?? forms[0]!;
  if (example !== undefined && model.validator.isValid(chosen, example)) return example;
  return sampleValue(model.spec, chosen);
}
