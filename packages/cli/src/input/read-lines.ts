import { unquote } from "./id-rules.js";
import type { RawValue } from "./raw-values.js";

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
export function headerLine(raw: readonly RawValue[]): RawValue | undefined {
  const first = raw.find((value) => value.id !== undefined);
  if (first === undefined) return undefined;
  return headerWords.has(first.id!.toLowerCase().replace(/[\s_-]/g, "")) ? first : undefined;
}

/** One id per line; surrounding whitespace and quotes are trimmed. */
export function readLines(text: string): RawValue[] {
  const lines = text.split(/\r\n|\n|\r/);
  // A final newline ends the last line rather than opening an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line, index) => {
    if (line.trim() === "") return { line: index + 1, id: undefined };
    return { line: index + 1, id: unquote(line) };
  });
}
