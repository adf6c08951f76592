/** Where the CLI reads and writes; the real process's by default (tests pass their own). */
export interface CliIo {
  /** Where the plan, the summary and `list`'s output go. */
  readonly stdout: NodeJS.WritableStream;
  /** Where progress, warnings and errors go (a progress bar when it is a terminal). */
  readonly stderr: NodeJS.WriteStream;
  /** Where the confirmation is read from (asked only when it and `stderr` are terminals). */
  readonly stdin: NodeJS.ReadStream;
  /** The folder relative paths are resolved from. */
  readonly cwd: string;
  /** The environment: credentials, `GONG_FLOWS_REDIS_URL` and the other variables the CLI reads. */
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on the first SIGINT/SIGTERM: stop gracefully. */
  readonly stopSignal?: AbortSignal | undefined;
  /** Aborted on the second: stop at once. */
  readonly forceSignal?: AbortSignal | undefined;
}

/** How a command prints: a line to stdout or stderr, through the redactor of the secrets the CLI knows. */
export interface Printers {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What every command's action gets. */
export interface CommandContext {
  /** The arguments after the program name, as given (to print the command that resumes a job). */
  readonly argv: readonly string[];
  readonly io: CliIo;
  readonly print: Printers;
  /** Sets the exit code `runCli` resolves with. */
  readonly exitWith: (code: number) => void;
}

/** Fills in the process's streams, folder, environment for what the caller left out. */
export function cliIo(partialIo: Partial<CliIo>): CliIo {
  return {
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    stdin: partialIo.stdin ?? process.stdin,
    cwd: partialIo.cwd ?? process.cwd(),
    env: partialIo.env ?? process.env,
    stopSignal: partialIo.stopSignal,
    forceSignal: partialIo.forceSignal,
  };
}
