/** One bad line of an input file. */
export interface InputIssue {
  /** The file's path, as given. */
  readonly file: string;
  /** 1-based; 0 when the problem is the file as a whole. */
  readonly line: number;
  /** What is wrong with the line, in words. */
  readonly reason: string;
}

/** A value read from the file before it is checked: where it was and what it held. */
export interface RawValue {
  line: number;
  /** The id, or undefined for a blank line. */
  id: string | undefined;
  crmProspectId?: string | undefined;
  /** A problem found while reading (a non-string JSON element, say). */
  problem?: string | undefined;
}
