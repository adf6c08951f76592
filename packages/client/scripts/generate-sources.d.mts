// Types of generate-sources.mjs, for the tests that generate from edited copies of the spec.
/** Every file of src/generated/, by name, generated from the parsed spec. */
export function generateSources(spec: unknown): Promise<Record<"schema.ts" | "documented-schema.ts" | "validators.ts" | "routes.ts" | "operations.ts", string>>;
