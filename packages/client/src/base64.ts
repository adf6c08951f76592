/**
 * Base64 of a string's UTF-8 bytes with `btoa`, available in every runtime the client supports
 * (Node ≥ 16, Deno, Bun, workers, browsers), so no Node-only `Buffer` is needed.
 */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
