import { GongConfigurationError } from "@gong-flows/client";
import { Command, CommanderError } from "commander";
import { InputFileError } from "../input/read-id-file.js";
import { JournalError } from "../journal/errors.js";
import { JobSetupError } from "../run/run-job.js";
import { knownSecrets, redactor } from "../secrets.js";
import { toolName } from "../version.js";
import { FlowLookupError } from "./choose-flow.js";
import { type CliIo, type CommandContext, cliIo } from "./cli-io.js";
import { defineAssignCommand } from "./commands/assign.js";
import { defineFlowsCommand } from "./commands/flows.js";
import { defineListCommand } from "./commands/list.js";
import { defineUnassignCommand } from "./commands/unassign.js";
import { exitCodes, UsageError } from "./exit-codes.js";
import { SharedRateLimitError } from "./redis-store.js";

export type { CliIo } from "./cli-io.js";

const helpAfter = `
Credentials come from the environment, as @gong-flows/client reads them:
  GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN; the base URL from --base-url or
  GONG_BASE_URL (default https://api.gong.io).
  GONG_FLOWS_REDIS_URL shares one rate limit with other processes through Redis (like --redis).

Exit codes: 0 done; 1 finished, but some instances are not unassigned (or prospects not assigned) or unconfirmed;
            2 usage, configuration or input error (nothing sent); 3 stopped early, resumable;
            4 not confirmed (nothing sent).`;

/**
 * Runs the `gong-flows` command line with `argv` (the arguments after the program name) and
 * resolves with the exit code. Everything it prints passes through the redactor of the secrets it
 * knows (the credentials in the environment, a Redis password).
 */
export async function runCli(argv: readonly string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  const io = cliIo(partialIo);
  const redact = redactor(knownSecrets({ env: io.env, redisUrl: io.env["GONG_FLOWS_REDIS_URL"] }));
  const err = (text: string) => io.stderr.write(`${redact(text)}\n`);
  let exitCode: number = exitCodes.done;
  const ctx: CommandContext = {
    argv,
    io,
    print: { out: (text) => io.stdout.write(`${redact(text)}\n`), err },
    exitWith: (code) => {
      exitCode = code;
    },
  };
  const program = new Command("gong-flows")
    .description(
      "Take CRM prospects out of their Gong Engage flows, or assign them to one, in bulk: planned, journaled, resumable, verified.",
    )
    .version(toolName, "-V, --version")
    .showHelpAfterError("(run gong-flows --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText("after", helpAfter);
  defineUnassignCommand(program, ctx);
  defineListCommand(program, ctx);
  defineFlowsCommand(program, ctx);
  defineAssignCommand(program, ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return exitCodeOfError(error, err);
  }
}

/** The exit code of an error that ended the command, with its one line printed. */
function exitCodeOfError(error: unknown, err: (text: string) => void): number {
  if (error instanceof CommanderError) {
    const shown = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
    return shown ? exitCodes.done : exitCodes.usage;
  }
  if (error instanceof FlowLookupError) {
    err(`gong-flows: ${error.message}; nothing was sent`);
    return error.exitCode;
  }
  if (isSetupError(error)) {
    err(`gong-flows: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.usage;
  }
  // One line, never a stack trace: what the user can act on is the message.
  err(`gong-flows: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return exitCodes.stopped;
}

/** Errors that mean "fix the command, the input or the configuration": exit 2, nothing sent. */
function isSetupError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof InputFileError ||
    error instanceof JournalError ||
    error instanceof JobSetupError ||
    error instanceof GongConfigurationError ||
    error instanceof SharedRateLimitError
  );
}
