import { readFile } from "node:fs/promises";
import { defaultSpecPath } from "@gong-flows/testkit";
import { parse } from "yaml";

/** A parsed OpenAPI document: plain JSON data, read from the YAML the project keeps. */
export type OpenApiDocument = Record<string, unknown>;

/**
 * Reads and parses an OpenAPI document (default: `spec/openapi.yaml` at the repository root, the spec
 * every check is held to). The suite reads the spec at test time, so every schema, example and
 * status it checks comes from the single source of truth and none is copied by hand.
 */
export async function loadSpec(path: string = defaultSpecPath): Promise<OpenApiDocument> {
  const document: unknown = parse(await readFile(path, "utf8"));
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new Error(`${path} is not an OpenAPI document (its top level is not a mapping)`);
  }
  return document as OpenApiDocument;
}
