import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { idProblem, type IdKind } from "./id-rules.js";
import type { InputIssue, RawValue } from "./raw-values.js";
import { readCsv } from "./read-csv.js";
import { readJson } from "./read-json.js";
import { headerLine, readLines } from "./read-lines.js";

export type { InputIssue } from "./raw-values.js";

/** How an input file is laid out. `auto` picks by extension (`.csv`, `.json`), then by content. */
export type InputFormat = "auto" | "lines" | "csv" | "json";

/** Options of {@link readIdFile}. */
export interface ReadIdFileOptions {
  /** What the file's ids are. */
  kind: IdKind;
  /** Default `auto`: `.json` or a first character `[` is JSON, `.csv` is CSV, anything else one id per line. */
  format?: InputFormat | undefined;
  /**
   * The CSV column (or JSON object property) holding the ids. Default: `crmProspectId` for prospects,
   * `flowInstanceId` for flow instances.
   */
  column?: string | undefined;
}

/** One id read from the file. */
export interface IdEntry {
  /** The id, trimmed and unquoted. */
  readonly id: string;
  /** The 1-based line of the file it was read from. */
  readonly line: number;
  /**
   * For flow-instance files with a `crmProspectId` column (such as `gong-flows list --format csv`
   * writes): the instance's prospect, which lets an unknown outcome be checked by listing it.
   */
  readonly crmProspectId?: string | undefined;
}

/** A file read and checked by {@link readIdFile}. */
export interface IdFile {
  /** The file's path, as given. */
  readonly path: string;
  /** The layout the file was read as (`auto` resolved). */
  readonly format: Exclude<InputFormat, "auto">;
  /** What the ids are: prospects' CRM ids or flow-instance ids. */
  readonly kind: IdKind;
  /** The distinct ids, in the order they first appear. */
  readonly entries: readonly IdEntry[];
  /** Blank lines (or empty CSV rows) dropped. */
  readonly blankLines: number;
  /** Repeated ids dropped (every occurrence after the first). */
  readonly duplicates: number;
  /** What was skipped and is worth telling (a header line in a file of one id per line). */
  readonly warnings: readonly string[];
}

/**
 * An input file was refused: `issues` lists every bad line, and the message has one
 * `FILE:LINE: reason` line per issue. Nothing has been sent when this is thrown.
 */
export class InputFileError extends Error {
  /** `"InputFileError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "InputFileError";
  /** Every bad line, in file order. */
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.issues = issues;
  }
}

/** `FILE:LINE: reason`, or `FILE: reason` for the file as a whole. */
export function formatIssue(issue: InputIssue): string {
  return issue.line > 0 ? `${issue.file}:${issue.line}: ${issue.reason}` : `${issue.file}: ${issue.reason}`;
}

/**
 * Reads a file of ids — one per line, CSV with a header, or a JSON array — drops blank lines and
 * duplicates (counting them), and checks every id. Throws {@link InputFileError} listing **every**
 * bad line, so that a user fixes the file in one go; nothing is sent to Gong before this returns.
 *
 * @example
 * ```ts
 * const file = await readIdFile("closed-won.csv", { kind: "crmProspectId" });
 * file.entries.map((e) => e.id); // ["0031x00000AbCdE", ...]
 * ```
 */
export async function readIdFile(path: string, options: ReadIdFileOptions): Promise<IdFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : `cannot be read (${code ?? String(error)})`;
    throw new InputFileError([{ file: path, line: 0, reason }]);
  }
  return parseIdText(text, path, options);
}

/** {@link readIdFile} on text already in memory (`path` names it in messages). */
export function parseIdText(text: string, path: string, options: ReadIdFileOptions): IdFile {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const format = resolveFormat(options.format ?? "auto", path, source);
  const column = options.column ?? options.kind;
  const issues: InputIssue[] = [];
  const raw =
    format === "csv"
      ? readCsv(source, path, column, options.kind, issues)
      : format === "json"
        ? readJson(source, path, column, options.kind, issues)
        : readLines(source);
  const warnings: string[] = [];
  if (format === "lines") {
    const header = headerLine(raw);
    if (header !== undefined) {
      raw.splice(raw.indexOf(header), 1);
      warnings.push(`${path}:${header.line}: skipped ${JSON.stringify(header.id)}, a column header, not an id`);
    }
  }

  const { entries, blankLines, duplicates } = checkValues(raw, path, options.kind, issues);
  if (issues.length > 0) throw new InputFileError(issues.sort((a, b) => a.line - b.line));
  return { path, format, kind: options.kind, entries, blankLines, duplicates, warnings };
}

/**
 * Checks every value read: blank lines and repeated ids are dropped and counted, every bad id becomes
 * an issue (a repeated flow-instance id with another prospect too), the rest are the entries.
 */
function checkValues(raw: readonly RawValue[], path: string, kind: IdKind, issues: InputIssue[]) {
  const entries: IdEntry[] = [];
  const seen = new Map<string, IdEntry>();
  let blankLines = 0;
  let duplicates = 0;
  for (const value of raw) {
    if (value.id === undefined && value.problem === undefined) {
      blankLines += 1;
      continue;
    }
    const problem = valueProblem(value, kind);
    if (problem !== undefined) {
      issues.push({ file: path, line: value.line, reason: problem });
      continue;
    }
    const id = value.id!;
    const prospect = value.crmProspectId;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      if (prospect !== undefined && earlier.crmProspectId !== undefined && earlier.crmProspectId !== prospect) {
        issues.push({
          file: path,
          line: value.line,
          reason: `${id} is given again with crmProspectId ${prospect}, but line ${earlier.line} gives ${earlier.crmProspectId}`,
        });
      }
      duplicates += 1;
      continue;
    }
    const entry: IdEntry =
      prospect === undefined ? { id, line: value.line } : { id, line: value.line, crmProspectId: prospect };
    seen.set(id, entry);
    entries.push(entry);
  }
  return { entries, blankLines, duplicates };
}

/** What is wrong with a value that is not blank: a problem found reading it, its id, or its prospect. */
function valueProblem(value: RawValue, kind: IdKind): string | undefined {
  if (value.problem !== undefined) return value.problem;
  const problem = idProblem(value.id!, kind);
  if (problem !== undefined) return problem;
  const prospectProblem =
    value.crmProspectId === undefined ? undefined : idProblem(value.crmProspectId, "crmProspectId");
  return prospectProblem === undefined ? undefined : `crmProspectId: ${prospectProblem}`;
}

function resolveFormat(format: InputFormat, path: string, text: string): Exclude<InputFormat, "auto"> {
  if (format !== "auto") return format;
  const extension = extname(path).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".csv") return "csv";
  return text.trimStart().startsWith("[") ? "json" : "lines";
}
