import type { operations } from "./generated/schema.js";

/** The operationIds of the spec: the names operations go by in errors and log events. */
export type OperationName = keyof operations;
