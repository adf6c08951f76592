import { GongBatchError, type GongBatchErrorInit } from "./batch-error.js";
import type { CallRecord } from "./call.js";
import { NotSentError } from "./call-errors.js";
import { GongError } from "./errors.js";
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

/** How each chunk of a batch ended; `ambiguous` when any attempt's outcome was unknown (see CallRecord). */
export type ChunkOutcome<R> =
  | { status: "done"; ids: string[]; ambiguous: boolean; result: R }
  | { status: "failed"; ids: string[]; ambiguous: boolean; error: GongError }
  | { status: "not-sent"; ids: string[]; ambiguous: boolean };

/** What a chunk's request is given: where to record what the retry loop learns, and the batch's stop. */
export interface ChunkCall {
  record: CallRecord;
  stop: AbortSignal | undefined;
}

/**
 * Runs `send` over the chunks, at most `concurrency` in flight. After the first failure nothing new is
 * sent and chunks on the wire are awaited, so every chunk ends known: done, failed, or not sent.
 */
export async function runChunks<R>(
  chunks: readonly string[][],
  concurrency: number,
  send: (ids: string[], call: ChunkCall) => Promise<R>,
): Promise<ChunkOutcome<R>[]> {
  if (chunks.length === 1) {
    // One request (the usual case: up to 200 flow instances, up to listBatchSize prospects) needs no pool.
    const ids = chunks[0] as string[];
    const record = { ambiguous: false };
    try {
      const result = await send(ids, { record, stop: undefined });
      return [{ status: "done", ids, ambiguous: record.ambiguous, result }];
    } catch (error) {
      return [{ status: "failed", ids, ambiguous: record.ambiguous, error: asGongError(error) }];
    }
  }
  const stopper = new AbortController();
  const outcomes: ChunkOutcome<R>[] = chunks.map((ids) => ({ status: "not-sent", ids, ambiguous: false }));
  let next = 0;

  async function worker(): Promise<void> {
    while (!stopper.signal.aborted && next < chunks.length) {
      const index = next++;
      const ids = chunks[index] as string[];
      const record = { ambiguous: false };
      try {
        const result = await send(ids, { record, stop: stopper.signal });
        outcomes[index] = { status: "done", ids, ambiguous: record.ambiguous, result };
      } catch (error) {
        if (error instanceof NotSentError) {
          outcomes[index] = { status: "not-sent", ids, ambiguous: record.ambiguous };
        } else {
          outcomes[index] = { status: "failed", ids, ambiguous: record.ambiguous, error: asGongError(error) };
          stopper.abort(new Error("another request of the batch failed"));
        }
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
 * a {@link GongBatchError} that puts every id in processed or unprocessed (and says which unprocessed
 * ids may have been acted on), with `partial` (what the successful requests returned, merged) beside.
 */
export function throwOnFailure<R>(
  operation: OperationName,
  outcomes: ChunkOutcome<R>[],
  partial: Omit<GongBatchErrorInit, "operation" | "cause" | "processedIds" | "unprocessedIds" | "outcomeUnknownIds">,
): void {
  const failure = outcomes.find((o): o is Extract<ChunkOutcome<R>, { status: "failed" }> => o.status === "failed");
  if (!failure) return;
  if (outcomes.length === 1) throw failure.error;
  const unprocessed = outcomes.filter((o) => o.status !== "done");
  throw new GongBatchError({
    operation,
    cause: failure.error,
    processedIds: doneOf(outcomes).flatMap((o) => o.ids),
    unprocessedIds: unprocessed.flatMap((o) => o.ids),
    outcomeUnknownIds: unprocessed.filter((o) => o.ambiguous).flatMap((o) => o.ids),
    ...partial,
  });
}

/** The values that are defined (the request ids of responses that had one). */
export function definedOnly(values: (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined);
}
