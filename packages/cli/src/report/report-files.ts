import { open, rename, rm } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import type { ReportInstance, UnassignReport } from "./report-types.js";

/** The columns of the CSV report, one row per planned flow instance. */
export const csvColumns = [
  "flowInstanceId",
  "crmProspectId",
  "flowId",
  "flowName",
  "flowInstanceStatus",
  "outcome",
] as const;

/** Rows written per chunk: big reports are written piece by piece, never built as one string. */
const rowsPerChunk = 2_000;

/** The CSV report, in chunks of text: a header, then one row per planned instance. */
export function* reportCsvChunks(instances: Iterable<ReportInstance>): Generator<string> {
  let rows: string[][] = [];
  let header = true;
  const flush = () => {
    const text = stringify(rows, { header, columns: [...csvColumns] });
    header = false;
    rows = [];
    return text;
  };
  for (const instance of instances) {
    rows.push(csvColumns.map((column) => instance[column] ?? ""));
    if (rows.length === rowsPerChunk) yield flush();
  }
  if (rows.length > 0 || header) yield flush();
}

/**
 * The JSON report in chunks of text: the same as `JSON.stringify(report, null, 2)`, with the id lists
 * written a slice at a time, so that a report of 200,000 instances is never one string in memory.
 */
export function* reportJsonChunks(report: UnassignReport): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield "{\n";
  for (const [index, [key, value]] of entries.entries()) {
    const end = index === entries.length - 1 ? "\n" : ",\n";
    if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < value.length; i += rowsPerChunk) {
        const slice = value.slice(i, i + rowsPerChunk) as string[];
        const last = i + rowsPerChunk >= value.length;
        yield `${slice.map((id) => `    ${JSON.stringify(id)}`).join(",\n")}${last ? "\n" : ",\n"}`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${end}`;
    }
  }
  yield "}\n";
}

/**
 * Writes the report: JSON at `path`, or, when `path` ends in `.csv`, CSV at `path` (one row per
 * planned instance, from `instances`) and the JSON beside it (same name, `.json`). Each file is
 * written to a temporary name and renamed into place, so that a crash never leaves half a report.
 * Returns the paths written.
 */
export async function writeReport(
  path: string,
  report: UnassignReport,
  instances: Iterable<ReportInstance> = [],
): Promise<string[]> {
  const isCsv = path.toLowerCase().endsWith(".csv");
  const jsonPath = isCsv ? `${path.slice(0, -4)}.json` : path;
  await writeWhole(jsonPath, reportJsonChunks(report));
  if (!isCsv) return [jsonPath];
  await writeWhole(path, reportCsvChunks(instances));
  return [path, jsonPath];
}

/**
 * Writes `chunks` to a temporary file beside `path` and renames it into place, so that a reader never
 * sees half a file; on any failure (a full disk) the temporary file is removed and the error thrown.
 */
export async function writeWhole(path: string, chunks: Iterable<string>): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    // A full disk, say: no temporary file is left behind.
    await rm(temporary, { force: true });
    throw error;
  }
}
