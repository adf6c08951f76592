import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../package-root.js";

/** A parsed OpenAPI document: plain JSON data, read from the YAML the project keeps. */
export type OpenApiDocument = Record<string, unknown>;

/** A spec file that cannot be read or is not an OpenAPI document (a configuration error of the run). */
export class SpecLoadError extends Error {
  override name = "SpecLoadError";
}

/**
 * The spec every check is held to by default: the one `@gong-flows/client` ships
 * (`@gong-flows/client/openapi.yaml`), which is the spec the installed client was generated from, so
 * that the suite and the client it checks always speak of the same API. Run from this repository's
 * sources (the suite's own tests), it is the repository's `spec/openapi.yaml` itself, so that an edit
 * of the spec is tested without a rebuild.
 */
export const shippedSpecPath: string = (() => {
  const repositorySpec = resolve(packageRoot, "../../spec/openapi.yaml");
  if (import.meta.url.endsWith(".ts") && existsSync(repositorySpec)) return repositorySpec;
  return createRequire(import.meta.url).resolve("@gong-flows/client/openapi.yaml");
})();

/**
 * Reads and parses an OpenAPI document (default: {@link shippedSpecPath}). The suite reads the spec at
 * run time, so every schema, example and status it checks comes from the single source of truth and
 * none is copied by hand.
 *
 * @throws {@link SpecLoadError} naming the file and what is wrong with it.
 */
export async function loadSpec(path: string = shippedSpecPath): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SpecLoadError(`cannot read the spec ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new SpecLoadError(`${path} is not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new SpecLoadError(`${path} is not an OpenAPI document (its top level is not a mapping)`);
  }
  return document as OpenApiDocument;
}
