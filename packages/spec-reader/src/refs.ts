import { valueAt } from "./json-pointer.js";
import type { OpenApiDocument } from "./load.js";

/**
 * The JSON pointer a local `$ref` names: `#/components/schemas/A%20B` → `/components/schemas/A B`
 * (a `$ref` is a URI, so its fragment is percent-decoded before it is read as a pointer).
 */
export function pointerOfRef(ref: string): string {
  if (!ref.startsWith("#")) throw new Error(`only local $refs are supported, found ${JSON.stringify(ref)}`);
  return decodeURIComponent(ref.slice(1));
}

/** The value a local `$ref` names, one hop (a target that is itself a `$ref` is returned as is). */
export function refTarget(document: unknown, ref: string): unknown {
  const target = valueAt(document, pointerOfRef(ref));
  if (target === undefined) throw new Error(`$ref ${ref} does not resolve`);
  return target;
}

/**
 * Follows local `$ref`s from a spec location until it reaches an object that is not a reference, and
 * returns that object with its pointer.
 */
export function resolveRef(spec: OpenApiDocument, at: string): { pointer: string; node: Record<string, unknown> } {
  let current = at;
  for (let hops = 0; hops < 32; hops++) {
    const node = valueAt(spec, current);
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
      throw new Error(`spec: nothing at ${current || "/"}`);
    }
    const ref = (node as Record<string, unknown>)["$ref"];
    if (typeof ref !== "string") return { pointer: current, node: node as Record<string, unknown> };
    if (!ref.startsWith("#")) throw new Error(`spec: ${current}: only local $refs are supported, found ${ref}`);
    current = pointerOfRef(ref);
  }
  throw new Error(`spec: $ref cycle at ${at}`);
}
