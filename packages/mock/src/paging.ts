// Pages of the list operations: a page of `pageSize` items and a cursor to the next, which only the
// same listing (the same other parameters) accepts, as Gong asks clients to send it back.
import type { components } from "@gong-flows/client";

/** A page, or why its cursor was refused. */
export type PageOutcome<T> = { items: T[]; records: components["schemas"]["PageRecords"] } | { refused: string };

/** The listing a cursor belongs to: the request's parameters other than the cursor, in a stable order. */
function listingKey(query: Record<string, unknown>): string {
  return JSON.stringify(
    Object.entries(query)
      .filter(([name]) => name !== "cursor")
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

function encodeCursor(offset: number, key: string): string {
  return btoa(encodeURIComponent(JSON.stringify([offset, key])))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function decodeCursor(cursor: string): [number, string] | undefined {
  try {
    const decoded: unknown = JSON.parse(decodeURIComponent(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))));
    if (Array.isArray(decoded) && Number.isInteger(decoded[0]) && decoded[0] > 0 && typeof decoded[1] === "string")
      return [decoded[0], decoded[1]];
  } catch {
    // Not one of ours: refused below.
  }
  return undefined;
}

/**
 * The page the request's `cursor` points to (the first without one), with its `records`: the cursor
 * is set while more items remain.
 */
export function pageOf<T>(all: readonly T[], query: Record<string, unknown>, pageSize: number): PageOutcome<T> {
  const key = listingKey(query);
  let offset = 0;
  if (typeof query["cursor"] === "string") {
    const decoded = decodeCursor(query["cursor"]);
    if (decoded === undefined || decoded[1] !== key)
      return {
        refused:
          "cursor (query): is not a cursor of this listing: send back the records.cursor of the previous page, with the same other parameters",
      };
    offset = decoded[0];
  }
  const items = all.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return {
    items,
    records: {
      totalRecords: all.length,
      currentPageSize: items.length,
      currentPageNumber: Math.floor(offset / pageSize),
      ...(next < all.length ? { cursor: encodeCursor(next, key) } : {}),
    },
  };
}
