import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freeLoopbackPort } from "./port.js";
import { killProcessGroup, spawnInGroup } from "./process-group.js";

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
export interface PrismServer {
  /** Base URL to give a client, for example `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The process id of the leader of Prism's process group (see spawnInGroup). */
  readonly pid: number;
  /** The last lines Prism printed, for failure messages. */
  readonly output: readonly string[];
  /**
   * Stops Prism and every process it started (its whole process group) and resolves once they are
   * gone. Safe to call more than once.
   */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const readyPattern = /Prism is listening on (http:\/\/\S+)/;
const keptLines = 200;

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
export async function startPrism(options: StartPrismOptions = {}): Promise<PrismServer> {
  const specPath = options.specPath ?? defaultSpecPath;
  // Ports can be taken between choosing and binding; try a few before giving up.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(specPath, await freeLoopbackPort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

async function startOnce(specPath: string, port: number, options: StartPrismOptions): Promise<PrismServer> {
  const args = [prismEntry(), "mock", specPath, "--host", "127.0.0.1", "--port", String(port)];
  if (options.dynamic) args.push("--dynamic");
  if (options.errors) args.push("--errors");
  // Its own process group: stop() kills Prism and anything it forked, together.
  const child = spawnInGroup(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  if (child.pid === undefined) throw new Error("could not start Prism");

  const output: string[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= killProcessGroup(child);
    return stopped;
  };

  const ready = new Promise<string>((resolveReady, rejectReady) => {
    const timer = setTimeout(
      () => rejectReady(new Error(`Prism did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output.join("\n")}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) {
        if (!line) continue;
        output.push(line);
        if (output.length > keptLines) output.shift();
        options.onLine?.(line);
        const match = readyPattern.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveReady(match[1]);
        }
        if (/EADDRINUSE/.test(line)) {
          clearTimeout(timer);
          rejectReady(new PortInUseError(`port ${port} is in use`));
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      rejectReady(new Error(`Prism exited before it was ready (code ${code}, signal ${signal}):\n${output.join("\n")}`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      rejectReady(error);
    });
  });

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  // Prism prints the host it was given; the URL is built here so it is always the loopback address.
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: child.pid,
    output,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
