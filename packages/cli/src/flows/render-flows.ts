import type { Flow } from "@gong-flows/client";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";

/** The columns of `flows --format csv`, in Gong's field names. */
const flowColumns = [
  "id",
  "name",
  "folderId",
  "folderName",
  "visibility",
  "creationDate",
  "exclusive",
] as const satisfies readonly (keyof Flow)[];

/** The flows `gong-flows flows` writes, as a table, CSV or JSON. */
export function renderFlowList(flows: readonly Flow[], format: "table" | "csv" | "json"): string {
  if (format === "json") return `${JSON.stringify(flows, null, 2)}\n`;
  if (format === "csv") {
    const rows = flows.map((flow) =>
      flowColumns.map((column) => (flow[column] === undefined ? "" : String(flow[column]))),
    );
    return stringify(rows, { header: true, columns: [...flowColumns] });
  }
  if (flows.length === 0) return "No flows.\n";
  const table = new Table({ head: ["id", "name", "folder", "visibility"], style: { head: [], border: [] } });
  for (const flow of flows)
    table.push([flow.id ?? "", flow.name ?? "", flow.folderName ?? flow.folderId ?? "", flow.visibility ?? ""]);
  return `${table.toString()}\n`;
}
