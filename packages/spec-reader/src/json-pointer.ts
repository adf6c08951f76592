/**
 * JSON Pointers (RFC 6901): how every violation says where it is, and how the spec's parts are
 * addressed without copying them. The one home of the escaping rule; the client's generated
 * validators import {@link escapeToken} from here too (bundled into the client at build time).
 */

/** Escapes one reference token: `~` becomes `~0` and `/` becomes `~1` (`a/b~c` → `a~1b~0c`). */
export const escapeToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

/** Undoes {@link escapeToken}: `~1` becomes `/`, then `~0` becomes `~`. */
export const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Builds a pointer from raw (unescaped) tokens: `pointer("paths", "/v2/x")` is `/paths/~1v2~1x`. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((token) => `/${escapeToken(String(token))}`).join("");
}

/** Appends raw tokens to an existing pointer. */
export function appendPointer(base: string, ...tokens: (string | number)[]): string {
  return base + pointer(...tokens);
}

/** Splits a pointer into its raw tokens. */
export function tokensOf(jsonPointer: string): string[] {
  if (jsonPointer === "") return [];
  if (!jsonPointer.startsWith("/")) throw new Error(`not a JSON pointer: ${JSON.stringify(jsonPointer)}`);
  return jsonPointer.slice(1).split("/").map(unescapeToken);
}

/** The value a pointer designates in a document, or undefined when there is none. */
export function valueAt(document: unknown, jsonPointer: string): unknown {
  let node: unknown = document;
  for (const token of tokensOf(jsonPointer)) {
    if (Array.isArray(node)) {
      node = /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
    } else if (node !== null && typeof node === "object") {
      node = Object.hasOwn(node, token) ? (node as Record<string, unknown>)[token] : undefined;
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}
