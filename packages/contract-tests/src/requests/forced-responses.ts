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

/** The spec's example request body of an operation, or a made-up valid body when it has none. */
export function exampleRequestBody(model: ContractModel, operation: OperationSpec): unknown {
  const media = operation.requestBody && jsonMediaType(operation.requestBody.content);
  const example = media ? valueAt(model.spec, appendPointer(media.pointer, "example")) : undefined;
  return example ?? sampleValue(model.spec, model.requestSchemaPointer(operation));
}
