/** The CLI's exit codes. */
export const exitCodes = {
  /** Everything planned is unassigned (and verified as asked). */
  done: 0,
  /** Finished, but some instances are not unassigned, or unconfirmed (the report lists them). */
  incomplete: 1,
  /** Usage, configuration or input error: nothing was sent. */
  usage: 2,
  /** Stopped early and resumable: the command to resume is printed. */
  stopped: 3,
  /** Not confirmed: the answer at the confirmation was not yes; nothing was sent, nothing left behind. */
  declined: 4,
} as const;

/** A command-line mistake: printed with the usage hint, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
