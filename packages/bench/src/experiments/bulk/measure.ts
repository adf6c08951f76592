import { gongLimits } from "@gong-flows/client";
import type { BenchMock } from "../../lib/mock.js";
import { interleavedRounds, summarizeArms } from "../../lib/stats.js";

/** What a bulk run's caller believes happened to each id it was given. */
export interface BulkOutcome {
  unassigned: readonly string[];
  /** Ids the caller reports as still assigned (Gong did not unassign them). */
  notUnassigned: readonly string[];
  /** Ids the caller reports as not attempted or of unknown outcome. */
  unknown: readonly string[];
}

/** One way of unassigning many flow instances against a rate-limited server. */
export interface BulkArm {
  id: string;
  label: string;
  run: (baseUrl: string, ids: readonly string[]) => Promise<BulkOutcome>;
  /** Runs in at most this many rounds (a slow arm whose figures do not vary). */
  maxRounds?: number;
}

export type BulkResult = Awaited<ReturnType<typeof measureBulk>> & {
  /** The leaky bucket's room, in requests, of results measured against a stub before the mock was used. */
  burst?: number | undefined;
};

/** The most ids one unassign request may carry (Gong's documented cap). */
export const idsPerRequest: number = gongLimits.unassignIdsPerRequest;

/**
 * Runs each arm `rounds` times (rotating order) against the rate-limited mock, reset before each run,
 * and compares what the caller reports with what the mock did.
 */
export async function measureBulk(
  mock: BenchMock,
  arms: readonly BulkArm[],
  options: { ids: readonly string[]; requestsPerSecond: number; rounds: number; onProgress?: (m: string) => void },
) {
  const theoreticalIdsPerSecond = options.requestsPerSecond * idsPerRequest;
  const samples = await interleavedRounds(arms, options.rounds, async (arm, round) => {
    if (arm.maxRounds !== undefined && round >= arm.maxRounds) return undefined;
    await mock.reset();
    const started = performance.now();
    const outcome = await arm.run(mock.url, options.ids);
    const elapsedMs = performance.now() - started;
    const { statuses } = await mock.stats();
    const atServer = (await mock.flowInstances()).filter((record) => !record.assigned);
    const verdict = judge(
      options.ids,
      atServer.flatMap((record) => record.assignedFlow.flowInstanceId ?? []),
      outcome,
    );
    const rateLimited = statuses["429"] ?? 0;
    options.onProgress?.(
      `round ${round + 1}/${options.rounds} ${arm.id}: ${(elapsedMs / 1000).toFixed(2)} s, ${rateLimited} × 429, ${verdict.lost} ids lost`,
    );
    const idsPerSecond = verdict.unassignedAtServer / (elapsedMs / 1000);
    return {
      idsPerSecond,
      shareOfMax: idsPerSecond / theoreticalIdsPerSecond,
      elapsedMs,
      rateLimited,
      requests: Object.values(statuses).reduce((sum, n) => sum + n, 0),
      lostIds: verdict.lost,
      stillAssigned: verdict.stillAssigned,
    };
  });
  const { requestsPerSecond, rounds } = options;
  const figures = summarizeArms(arms, samples);
  return { ids: options.ids.length, requestsPerSecond, idsPerRequest, theoreticalIdsPerSecond, rounds, arms: figures };
}

/**
 * Compares the caller's report with the server's record, id by id: an id is lost when unassigned at the
 * server but not reported so, or still assigned but reported neither as not unassigned nor as unknown.
 * The zero-loss goal rests on this definition.
 */
export function judge(given: readonly string[], unassignedAtServer: readonly string[], outcome: BulkOutcome) {
  const atServer = new Set(unassignedAtServer);
  const reportedUnassigned = new Set(outcome.unassigned);
  const reportedOpen = new Set([...outcome.notUnassigned, ...outcome.unknown]);
  const counts = { lost: 0, stillAssigned: 0, unassignedAtServer: 0 };
  for (const id of new Set(given)) {
    const unassigned = atServer.has(id);
    counts[unassigned ? "unassignedAtServer" : "stillAssigned"] += 1;
    if (!(unassigned ? reportedUnassigned : reportedOpen).has(id)) counts.lost += 1;
  }
  return counts;
}
