import { parse as parseCsv } from "csv-parse/sync";
import type { IdKind } from "./id-rules.js";
import type { InputIssue, RawValue } from "./raw-values.js";

/** CSV with a header row; the ids are in `column`. */
export function readCsv(text: string, path: string, column: string, kind: IdKind, issues: InputIssue[]): RawValue[] {
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
