import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { idProblem, unquote, type IdKind } from "./id-rules.js";

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

/** One bad line of an input file. */
export interface InputIssue {
  /** The file's path, as given. */
  readonly file: string;
  /** 1-based; 0 when the problem is the file as a whole. */
  readonly line: number;
  /** What is wrong with the line, in words. */
  readonly reason: string;
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

/** A value read from the file before it is checked: where it was and what it held. */
interface RawValue {
  line: number;
  /** The id, or undefined for a blank line. */
  id: string | undefined;
  crmProspectId?: string | undefined;
  /** A problem found while reading (a non-string JSON element, say). */
  problem?: string | undefined;
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

  const entries: IdEntry[] = [];
  const seen = new Map<string, IdEntry>();
  let blankLines = 0;
  let duplicates = 0;
  for (const value of raw) {
    if (value.problem !== undefined) {
      issues.push({ file: path, line: value.line, reason: value.problem });
      continue;
    }
    if (value.id === undefined) {
      blankLines += 1;
      continue;
    }
    const problem = idProblem(value.id, options.kind);
    if (problem !== undefined) {
      issues.push({ file: path, line: value.line, reason: problem });
      continue;
    }
    const prospect = value.crmProspectId;
    if (prospect !== undefined) {
      const prospectProblem = idProblem(prospect, "crmProspectId");
      if (prospectProblem !== undefined) {
        issues.push({ file: path, line: value.line, reason: `crmProspectId: ${prospectProblem}` });
        continue;
      }
    }
    const earlier = seen.get(value.id);
    if (earlier !== undefined) {
      if (prospect !== undefined && earlier.crmProspectId !== undefined && earlier.crmProspectId !== prospect) {
        issues.push({
          file: path,
          line: value.line,
          reason: `${value.id} is given again with crmProspectId ${prospect}, but line ${earlier.line} gives ${earlier.crmProspectId}`,
        });
      }
      duplicates += 1;
      continue;
    }
    const entry: IdEntry =
      prospect === undefined
        ? { id: value.id, line: value.line }
        : { id: value.id, line: value.line, crmProspectId: prospect };
    seen.set(value.id, entry);
    entries.push(entry);
  }
  if (issues.length > 0) throw new InputFileError(issues.sort((a, b) => a.line - b.line));
  return { path, format, kind: options.kind, entries, blankLines, duplicates, warnings };
}

function resolveFormat(format: InputFormat, path: string, text: string): Exclude<InputFormat, "auto"> {
  if (format !== "auto") return format;
  const extension = extname(path).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".csv") return "csv";
  return text.trimStart().startsWith("[") ? "json" : "lines";
}

/** Words a column of ids is headed with (compared without case, `_`, `-` or spaces). */
const headerWords = new Set([
  "id",
  "ids",
  "crmid",
  "crmprospectid",
  "crmprospectsids",
  "prospectid",
  "prospect",
  "leadid",
  "contactid",
  "flowinstanceid",
  "instanceid",
  "salesforceid",
  "sfid",
]);

/** The first non-blank line when it is a column header (`crmProspectId`, `id`, `crm_id`, …). */
function headerLine(raw: readonly RawValue[]): RawValue | undefined {
  const first = raw.find((value) => value.id !== undefined);
  if (first === undefined) return undefined;
  return headerWords.has(first.id!.toLowerCase().replace(/[\s_-]/g, "")) ? first : undefined;
}

/** One id per line; surrounding whitespace and quotes are trimmed. */
function readLines(text: string): RawValue[] {
  const lines = text.split(/\r\n|\n|\r/);
  // A final newline ends the last line rather than opening an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line, index) => {
    if (line.trim() === "") return { line: index + 1, id: undefined };
    return { line: index + 1, id: unquote(line) };
  });
}

/** CSV with a header row; the ids are in `column`. */
function readCsv(text: string, path: string, column: string, kind: IdKind, issues: InputIssue[]): RawValue[] {
  const skipped: InputIssue[] = [];
  // With `info` and `raw`, csv-parse returns { record, raw, info } per record (its types do not say so).
  const output: unknown[] = parseCsv(text, {
    info: true,
    raw: true,
    relax_column_count: true,
    // Files mix line endings more often than one would think; any of them ends a record.
    record_delimiter: ["\r\n", "\n", "\r"],
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = (error as { lines?: number } | undefined)?.lines ?? 0;
      skipped.push({ file: path, line, reason: `not valid CSV: ${error?.message ?? "unreadable record"}` });
      return undefined;
    },
  });
  issues.push(...skipped);

  const rows = output.map(csvRow);
  const headerIndex = rows.findIndex((row) => !isBlankRow(row.fields));
  if (headerIndex === -1) return [];
  const header = rows[headerIndex]!;
  const names = header.fields.map((name) => name.trim());
  const idColumn = names.indexOf(column);
  if (idColumn === -1) {
    issues.push({
      file: path,
      line: header.line,
      reason: `the header has no column "${column}" (columns: ${names.map((n) => JSON.stringify(n)).join(", ")}); name the column with --column`,
    });
    return [];
  }
  // A flow-instance file may say whose instance each row is (gong-flows list --format csv does).
  const prospectColumn = kind === "flowInstanceId" ? names.indexOf("crmProspectId") : -1;
  const values: RawValue[] = [];
  for (let i = 0; i < headerIndex; i++) values.push({ line: rows[i]!.line, id: undefined });
  for (const row of rows.slice(headerIndex + 1)) {
    if (isBlankRow(row.fields)) {
      values.push({ line: row.line, id: undefined });
      continue;
    }
    const cell = row.fields[idColumn];
    if (cell === undefined) {
      values.push({
        line: row.line,
        id: undefined,
        problem: `the row has no "${column}" field (${row.fields.length} fields, the header has ${names.length})`,
      });
      continue;
    }
    const prospect = prospectColumn === -1 ? undefined : row.fields[prospectColumn]?.trim();
    values.push({ line: row.line, id: cell.trim(), crmProspectId: prospect === "" ? undefined : prospect });
  }
  return values;
}

/** A csv-parse record with its info: its fields and the line it starts on. */
function csvRow(value: unknown): { fields: string[]; line: number } {
  const { record, raw, info } = (value ?? {}) as { record?: unknown; raw?: unknown; info?: { lines?: unknown } };
  if (!Array.isArray(record) || typeof raw !== "string" || typeof info?.lines !== "number") {
    throw new Error(
      "csv-parse returned a record without its info: the CSV reader needs csv-parse's `info` and `raw` options",
    );
  }
  // info.lines is the line a record ends on; a quoted field may span lines.
  return { fields: record.map(String), line: info.lines - countNewlines(raw.replace(/(\r\n|\n|\r)$/, "")) };
}

function isBlankRow(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === "");
}

function countNewlines(text: string): number {
  return (text.match(/\r\n|\n|\r/g) ?? []).length;
}

/** A JSON array of id strings, or of objects with the id in property `column`. */
function readJson(text: string, path: string, column: string, kind: IdKind, issues: InputIssue[]): RawValue[] {
  const lineOf = lineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || tree === undefined) {
    for (const error of errors)
      issues.push({
        file: path,
        line: lineOf(error.offset),
        reason: `not valid JSON: ${describeJsonError(printParseErrorCode(error.error))}`,
      });
    if (errors.length === 0) issues.push({ file: path, line: 1, reason: "not valid JSON" });
    return [];
  }
  if (tree.type !== "array") {
    issues.push({
      file: path,
      line: lineOf(tree.offset),
      reason: `expected a JSON array of ids, found ${describeNode(tree)}`,
    });
    return [];
  }
  return (tree.children ?? []).map((node): RawValue => {
    const line = lineOf(node.offset);
    if (node.type === "string") return { line, id: String(node.value).trim() };
    if (node.type === "object") {
      const property = (node.children ?? []).find((p) => p.children?.[0]?.value === column)?.children?.[1];
      if (property === undefined)
        return { line, id: undefined, problem: `the object has no "${column}" property; name it with --column` };
      if (property.type !== "string")
        return { line, id: undefined, problem: `"${column}" must be a string, found ${describeNode(property)}` };
      const prospectNode =
        kind === "flowInstanceId"
          ? (node.children ?? []).find((p) => p.children?.[0]?.value === "crmProspectId")?.children?.[1]
          : undefined;
      const prospect = prospectNode?.type === "string" ? String(prospectNode.value).trim() : undefined;
      return { line, id: String(property.value).trim(), crmProspectId: prospect === "" ? undefined : prospect };
    }
    if (node.type === "number") {
      return {
        line,
        id: undefined,
        problem: "ids must be JSON strings, found a number (write it in quotes: long numbers lose digits in JSON)",
      };
    }
    return { line, id: undefined, problem: `ids must be JSON strings, found ${describeNode(node)}` };
  });
}

function describeNode(node: JsonNode): string {
  if (node.type === "null") return "null";
  if (node.type === "array" || node.type === "object") return `an ${node.type}`;
  return `a ${node.type}`;
}

function describeJsonError(code: string): string {
  // jsonc-parser's codes are identifiers ("ValueExpected"); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Maps an offset in `text` to its 1-based line number. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
