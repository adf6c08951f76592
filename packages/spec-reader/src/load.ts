import { readFile } from "node:fs/promises";
import { parse } from "yaml";

/** A parsed OpenAPI document: plain JSON data, read from the YAML the project keeps. */
export type OpenApiDocument = Record<string, unknown>;

/** A spec file that cannot be read or is not an OpenAPI document. */
export class SpecLoadError extends Error {
  override name = "SpecLoadError";
}

/**
 * Parses the text of an OpenAPI document (YAML or JSON); `label` names it in errors.
 *
 * @throws {@link SpecLoadError} when the text does not parse or its top level is not a mapping.
 */
export function parseSpec(text: string, label: string): OpenApiDocument {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new SpecLoadError(`${label} is not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new SpecLoadError(`${label} is not an OpenAPI document (its top level is not a mapping)`);
  }
  return document as OpenApiDocument;
}

/**
 * Reads and parses an OpenAPI document.
 *
 * @throws {@link SpecLoadError} naming the file and what is wrong with it.
 */
export async function readSpec(path: string): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SpecLoadError(`cannot read the spec ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSpec(text, path);
}
