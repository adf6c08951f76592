import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { readSpec } from "@gong-flows/spec-reader";
import { packageRoot } from "../package-root.js";

export { SpecLoadError } from "@gong-flows/spec-reader";

/**
 * A parsed OpenAPI document, as the spec reader returns it. Named here because the suite's published
 * declarations use it and the reader is private (its code is bundled, its declarations are not).
 */
export type OpenApiDocument = Record<string, unknown>;

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
export function loadSpec(path: string = shippedSpecPath): Promise<OpenApiDocument> {
  return readSpec(path);
}
