/**
 * Reads an environment variable where the runtime has them (Node, Bun, Deno's `process` shim) and
 * returns undefined elsewhere (browsers, workers), instead of throwing on a missing `process`.
 */
export function readEnv(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  try {
    const value = process?.env?.[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  } catch {
    // Deno without --allow-env throws on access: treat it as unset.
    return undefined;
  }
}

/**
 * True in a browser page, where anything the client holds ships to every visitor. Workers and
 * server runtimes (Node, Deno, Bun) have no `window`/`document` pair.
 */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window !== "undefined" && typeof g.document !== "undefined";
}
