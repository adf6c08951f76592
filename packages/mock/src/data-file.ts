import { readFile } from "node:fs/promises";
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from "jsonc-parser";
import { type GongMockData, parseDataSet } from "./data-set.js";
import { GongMockInputError } from "./issues.js";

/**
 * Reads a data file — a JSON object with any of the keys `assignedFlows`, `flows`, `folders`, `steps`
 * and `crmProspects` (see {@link GongMockDataSet}) — and checks it as {@link parseDataSet} does.
 *
 * @throws {@link GongMockInputError} naming the file and, for each problem, its JSON pointer (or, for
 *   JSON that does not parse, its line and column).
 */
export async function readDataFile(file: string): Promise<GongMockData> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new GongMockInputError(file, [
      { path: "", message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` },
    ]);
  }
  let value: unknown;
  try {
    // A byte-order mark, as some Windows editors write, is not part of the JSON.
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new GongMockInputError(file, [
      { path: "", message: `is not valid JSON${whereJsonFailed(text.replace(/^\uFEFF/, ""))}` },
    ]);
  }
  return parseDataSet(value, file);
}

/**
 * ` at line L, column C: what` for the first syntax error in `text`. JSON.parse's own messages give a
 * position only for some errors, and differ between Node.js versions; jsonc-parser, held to strict
 * JSON here (no comments, no trailing commas), reports the offset of every error.
 */
function whereJsonFailed(text: string): string {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return "";
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column} (${printParseErrorCode(first.error)})`;
}
