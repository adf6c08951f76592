import type { ChildProcess } from "node:child_process";
import { freeLoopbackPort } from "./port.js";

/** A server said its port was taken (between choosing it free and binding it). */
export class PortInUseError extends Error {}

/**
 * Starts a server on a free loopback port, trying another port (`tries` in all) when the chosen one
 * turns out to be taken; a given `port` is tried once. Any other failure ends it at once.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, port?: number, tries = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < (port === undefined ? tries : 1); attempt++) {
    try {
      return await start(port ?? (await freeLoopbackPort()));
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

/** How a server says it is ready, or that its port is taken. */
export interface ReadyLineSpec {
  /** Its name in error messages ("Prism", "redis-server"). */
  name: string;
  port: number;
  /** Matches the line it prints once it accepts connections. */
  readyPattern: RegExp;
  /** Matches the line it prints when its port is taken. */
  portInUsePattern: RegExp;
  startTimeoutMs: number;
  /** Receives every line printed (after it is kept in `output`). */
  onLine?: ((line: string) => void) | undefined;
  /** Added to the message when it exits before it is ready (say, how to install it). */
  exitHint?: ((code: number | null) => string) | undefined;
}

/**
 * Resolves once `child` prints its ready line, keeping its last `keptLines` lines in `output` for
 * failure messages. When it exits first, says its port is taken ({@link PortInUseError}), or does not
 * start in time, it calls `stop` — so that nothing of it is left running — and rejects with its output.
 */
export async function waitForReadyLine(
  child: ChildProcess,
  spec: ReadyLineSpec,
  output: string[],
  keptLines: number,
  stop: () => Promise<void>,
): Promise<void> {
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      rejectReady(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`${spec.name} did not start within ${spec.startTimeoutMs} ms:\n${output.join("\n")}`)),
      spec.startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) {
        if (!line) continue;
        output.push(line);
        if (output.length > keptLines) output.shift();
        spec.onLine?.(line);
        if (spec.readyPattern.test(line)) {
          clearTimeout(timer);
          resolveReady();
        }
        if (spec.portInUsePattern.test(line)) fail(new PortInUseError(`port ${spec.port} is in use`));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      fail(
        new Error(
          `${spec.name} exited before it was ready (code ${code}, signal ${signal})${spec.exitHint?.(code) ?? ""}:\n${output.join("\n")}`,
        ),
      );
    });
    child.once("error", fail);
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
}
