import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startListeningProcess, type ListeningProcess } from "./listening-process.js";

/**
 * The built CLI of `@gong-flows/mock` in this repository (`packages/mock/dist/cli.js`). Found by its
 * place rather than resolved as a dependency: the mock's own tests use this kit, so depending on the
 * mock would make a cycle. A package that starts it depends on `@gong-flows/mock`, so turbo builds it first.
 */
export const defaultMockCli = resolve(dirname(fileURLToPath(import.meta.url)), "../../mock/dist/cli.js");

/** Options of {@link startMockProcess}. */
export interface StartMockProcessOptions {
  /** More flags of `gong-flows-mock` (`--data`, `--rps`, `--daily-quota`, …); `--port` and `--host` are set here. */
  args?: readonly string[];
  /** The CLI to run. Default {@link defaultMockCli}. */
  cli?: string;
  /** Working folder of the process (relative `--data` paths start there). Default: this process's. */
  cwd?: string;
  /** Environment of the process. Default: this process's, without colours. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for it to say it listens. Default 15 s. */
  startTimeoutMs?: number;
  /** Receives every line it prints. */
  onLine?: (line: string) => void;
}

/** A running `gong-flows-mock` process. */
export type MockProcess = ListeningProcess;

/**
 * Starts the `gong-flows-mock` CLI on a free port of 127.0.0.1 in a process group of its own, and
 * resolves once it prints `Gong mock listening on …`. Stop it with `stop()` in a `finally` or
 * teardown hook; a test run that dies without doing so takes it along (see spawnInGroup).
 *
 * @example
 * ```ts
 * const mock = await startMockProcess({ args: ["--rps", "0", "--data", "flows.json"] });
 * try {
 *   const stats = await (await fetch(`${mock.url}/_mock/stats`)).json();
 * } finally {
 *   await mock.stop();
 * }
 * ```
 */
export function startMockProcess(options: StartMockProcessOptions = {}): Promise<MockProcess> {
  return startListeningProcess({
    name: "the Gong mock",
    args: (port) => [
      options.cli ?? defaultMockCli,
      ...(options.args ?? []),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    readyPattern: /^Gong mock listening on http:\/\/\S+$/,
    env: options.env,
    cwd: options.cwd,
    startTimeoutMs: options.startTimeoutMs ?? 15_000,
    onLine: options.onLine,
  });
}
