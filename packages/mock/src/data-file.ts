import { readFile } from "node:fs/promises";
import type { AssignedFlow } from "@gong-flows/client";
import { parseDataSet } from "./data-set.js";
import { GongMockInputError } from "./issues.js";

/**
 * Reads a data file — JSON of the form `{ "assignedFlows": [AssignedFlow, ...] }` — and checks it
 * against the spec's AssignedFlow schema.
 *
 * @throws {@link GongMockInputError} naming the file and, for each problem, its JSON pointer (or, for
 *   JSON that does not parse, its line and column).
 */
export async function readDataFile(file: string): Promise<AssignedFlow[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new GongMockInputError(file, [{ path: "", message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GongMockInputError(file, [{ path: "", message: `is not valid JSON${whereJsonFailed(text, error)}` }]);
  }
  return parseDataSet(value, file);
}

/** ` at line L, column C` from a JSON.parse error's position, when the message gives one. */
function whereJsonFailed(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message.includes("end of JSON") ? " (it ends too early)" : "";
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column}`;
}
