import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startListeningProcess, type ListeningProcess } from "./listening-process.js";

/** The spec every package of this repository mocks: `spec/openapi.yaml` at the repository root. */
export const defaultSpecPath = resolve(dirname(fileURLToPath(import.meta.url)), "../../../spec/openapi.yaml");

/** Options of {@link startPrism}. */
export interface StartPrismOptions {
  /** The OpenAPI document to mock. Default: the repository's `spec/openapi.yaml`. */
  specPath?: string;
  /** Answer with generated data instead of the spec's examples (`prism mock --dynamic`). Default false. */
  dynamic?: boolean;
  /**
   * Make Prism answer invalid responses and requests with errors instead of warnings
   * (`prism mock --errors`). Default false.
   */
  errors?: boolean;
  /** How long to wait for Prism to report that it listens. Default 30 s (a cold start takes a few). */
  startTimeoutMs?: number;
  /** Receives every line Prism prints (for debugging a failing test). Default: lines are kept quietly. */
  onLine?: (line: string) => void;
}

/** A running Prism mock server, listening on 127.0.0.1. */
export type PrismServer = ListeningProcess;

/** Finds the Prism CLI's entry script, so that it runs under this very Node binary (no shell shim). */
function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin["prism"];
  if (!bin) throw new Error("@stoplight/prism-cli declares no `prism` binary");
  return resolve(dirname(manifestPath), bin);
}

/**
 * Starts Prism 5 mocking the spec on a free port of 127.0.0.1 and resolves once it is listening.
 *
 * Prism runs in a process group of its own, so {@link PrismServer.stop} can end it together with any
 * worker it forks; callers must call `stop()` (or use `await using`) in a `finally` or teardown hook.
 *
 * @example
 * ```ts
 * const prism = await startPrism();
 * try {
 *   await fetch(`${prism.url}/v2/flows/prospects`, { method: "POST", ... });
 * } finally {
 *   await prism.stop();
 * }
 * ```
 */
export function startPrism(options: StartPrismOptions = {}): Promise<PrismServer> {
  const specPath = options.specPath ?? defaultSpecPath;
  return startListeningProcess({
    name: "Prism",
    args: (port) => [
      prismEntry(),
      "mock",
      specPath,
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      ...(options.dynamic ? ["--dynamic"] : []),
      ...(options.errors ? ["--errors"] : []),
    ],
    readyPattern: /Prism is listening on http:\/\/\S+/,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    onLine: options.onLine,
  });
}
