/**
 * Repeats the spec's paragraph on Gong's rate limits under every operation, where a reader of one
 * operation looks for it. The paragraph stays written once, in the spec's `info.description`.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The opening words of the paragraph in `info.description`. */
export const rateLimitHeading = "**Rate limits.**";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The rate-limit paragraph of `info.description`; throws when the spec has none. */
export function rateLimitParagraph(spec: Json): string {
  const info = isObject(spec.info) ? spec.info : {};
  const description = typeof info.description === "string" ? info.description : "";
  const paragraph = description.split(/\n\s*\n/).find((part) => part.trim().startsWith(rateLimitHeading));
  if (!paragraph) throw new Error(`spec: /info/description has no paragraph starting with ${rateLimitHeading}`);
  return paragraph.trim().replace(/\s*\n\s*/g, " ");
}

/** Returns a copy of the spec whose every operation's description ends with the rate-limit paragraph. */
export function addRateLimitNotes(spec: Json): Json {
  const copy = structuredClone(spec);
  const paragraph = rateLimitParagraph(copy);
  const paths = isObject(copy.paths) ? copy.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const text = typeof operation.description === "string" ? operation.description.trimEnd() : "";
      operation.description = text ? `${text}\n\n${paragraph}` : paragraph;
    }
  }
  return copy;
}
