import { GongBatchError, GongError, type GongBatchErrorInit } from "./errors.js";
import type { OperationName } from "./types.js";

/** The distinct values of a list, in the order they first appear. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Splits a list into consecutive chunks of at most `size` items. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

/** How each chunk of a batch ended. */
export type ChunkOutcome<R> =
  | { status: "done"; ids: string[]; result: R }
  | { status: "failed"; ids: string[]; error: GongError }
  | { status: "not-attempted"; ids: string[] };

/**
 * Runs `send` over the chunks with at most `concurrency` in flight (the client's rate limiter still
 * spaces their starts). After the first failure no new chunk is started, but chunks already in flight
 * are awaited, so that every chunk's outcome is known when this resolves: done, failed, or not
 * attempted. An error that is not a {@link GongError} is wrapped in one (with it as `cause`), so that
 * even then the caller learns which ids were processed.
 */
export async function runChunks<R>(
  chunks: readonly string[][],
  concurrency: number,
  send: (ids: string[]) => Promise<R>,
): Promise<ChunkOutcome<R>[]> {
  // One chunk (the common case: up to 200 flow instances, up to listBatchSize prospects) needs no pool.
  if (chunks.length === 1) {
    const ids = chunks[0] as string[];
    try {
      return [{ status: "done", ids, result: await send(ids) }];
    } catch (error) {
      return [{ status: "failed", ids, error: asGongError(error) }];
    }
  }
  const outcomes: ChunkOutcome<R>[] = chunks.map((ids) => ({ status: "not-attempted", ids }));
  let next = 0;
  let failed = false;

  async function worker(): Promise<void> {
    while (!failed && next < chunks.length) {
      const index = next++;
      const ids = chunks[index] as string[];
      try {
        outcomes[index] = { status: "done", ids, result: await send(ids) };
      } catch (error) {
        failed = true;
        outcomes[index] = { status: "failed", ids, error: asGongError(error) };
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return outcomes;
}

function asGongError(error: unknown): GongError {
  return error instanceof GongError ? error : new GongError(`unexpected error: ${String(error)}`, { cause: error });
}

/** The chunks that Gong answered successfully. */
export function doneOf<R>(outcomes: ChunkOutcome<R>[]): Extract<ChunkOutcome<R>, { status: "done" }>[] {
  return outcomes.filter((o): o is Extract<ChunkOutcome<R>, { status: "done" }> => o.status === "done");
}

/**
 * Throws when a chunk failed: for a call that needed one request, that request's own error; otherwise
 * a {@link GongBatchError} that puts every id in processed or unprocessed, with `partial` (what the
 * successful requests returned, merged) beside them.
 */
export function throwOnFailure<R>(
  operation: OperationName,
  outcomes: ChunkOutcome<R>[],
  partial: Omit<GongBatchErrorInit, "operation" | "cause" | "processedIds" | "unprocessedIds">,
): void {
  const failure = outcomes.find((o): o is Extract<ChunkOutcome<R>, { status: "failed" }> => o.status === "failed");
  if (!failure) return;
  if (outcomes.length === 1) throw failure.error;
  throw new GongBatchError({
    operation,
    cause: failure.error,
    processedIds: doneOf(outcomes).flatMap((o) => o.ids),
    unprocessedIds: outcomes.filter((o) => o.status !== "done").flatMap((o) => o.ids),
    ...partial,
  });
}
