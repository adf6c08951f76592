/** The journal could not be used: damaged, locked by another run, or written for another job. */
export class JournalError extends Error {
  /** `"JournalError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "JournalError";
}
