/** The journal could not be used: damaged, locked by another run, or written for another job. */
export class JournalError extends Error {
  override name = "JournalError";
}
