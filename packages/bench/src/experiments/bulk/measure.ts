import { gongLimits } from "@gong-flows/client";
import type { BenchMock } from "../../lib/mock.js";
import { interleavedRounds, type Summary, summarizeEach } from "../../lib/stats.js";

/** What a bulk run's caller believes happened to each id it was given. */
export interface BulkOutcome {
  /** Ids the caller reports as unassigned. */
  unassigned: readonly string[];
  /** Ids the caller reports as still assigned (Gong did not unassign them). */
  notUnassigned: readonly string[];
  /** Ids the caller reports as not attempted or of unknown outcome (for example after a failed chunk). */
  unknown: readonly string[];
}

/** One way of unassigning many flow instances against a rate-limited server. */
export interface BulkArm {
  id: string;
  label: string;
  /** Unassigns `ids` through the server at `baseUrl` and reports what it believes it did. */
  run: (baseUrl: string, ids: readonly string[]) => Promise<BulkOutcome>;
  /**
   * Runs in at most this many rounds: for an arm that is slow and whose figures do not vary (it is
   * paced by whole-second `Retry-After` sleeps), one round says all and keeps `pnpm bench` short.
   */
  maxRounds?: number;
}

/** Figures of one arm over the rounds. */
export interface BulkFigures {
  id: string;
  label: string;
  /** Rounds this arm ran. */
  rounds: number;
  /** Flow-instance ids actually unassigned at the server per second of wall-clock time. */
  idsPerSecond: Summary;
  /** `idsPerSecond` as a share of the theoretical maximum (limit × 200). */
  shareOfMax: Summary;
  elapsedMs: Summary;
  /** 429 answers the server gave during the run. */
  rateLimited: Summary;
  /** Requests the server received during the run (429s included). */
  requests: Summary;
  /**
   * Ids whose outcome the caller got wrong or never learnt: unassigned at the server but not reported
   * as unassigned, or still assigned but reported neither as not unassigned nor as of unknown outcome.
   */
  lostIds: Summary;
  /** Ids still assigned at the server when the run ended (known to the caller or not). */
  stillAssigned: Summary;
}

/** Result of {@link measureBulk}. */
export interface BulkResult {
  ids: number;
  requestsPerSecond: number;
  /** The leaky bucket's room, in requests, of results measured against the bench's own stub before it used the mock. */
  burst?: number | undefined;
  idsPerRequest: number;
  /** `requestsPerSecond × idsPerRequest`. */
  theoreticalIdsPerSecond: number;
  rounds: number;
  arms: BulkFigures[];
}

/** Options of {@link measureBulk}. */
export interface BulkOptions {
  ids: readonly string[];
  requestsPerSecond: number;
  rounds: number;
  onProgress?: (message: string) => void;
}

/** The most ids one unassign request may carry (Gong's documented cap). */
export const idsPerRequest: number = gongLimits.unassignIdsPerRequest;

/**
 * Runs each arm `rounds` times (rotating order) against the rate-limited mock, resetting it before each
 * run, and compares what the caller reports with what the mock did.
 */
export async function measureBulk(
  mock: BenchMock,
  arms: readonly BulkArm[],
  options: BulkOptions,
): Promise<BulkResult> {
  const theoretical = options.requestsPerSecond * idsPerRequest;
  const samples = await interleavedRounds(arms, options.rounds, async (arm, round) => {
    // Each arm runs once per round, so past round `maxRounds` it has run enough.
    if (arm.maxRounds !== undefined && round >= arm.maxRounds) return undefined;
    await mock.reset();
    const started = performance.now();
    const outcome = await arm.run(mock.url, options.ids);
    const elapsedMs = performance.now() - started;
    const { statuses } = await mock.stats();
    const unassigned = (await mock.flowInstances()).filter((record) => !record.assigned);
    const verdict = judge(
      options.ids,
      unassigned.flatMap((record) => record.assignedFlow.flowInstanceId ?? []),
      outcome,
    );
    const rateLimited = statuses["429"] ?? 0;
    options.onProgress?.(
      `round ${round + 1}/${options.rounds} ${arm.id}: ${(elapsedMs / 1000).toFixed(2)} s, ${rateLimited} × 429, ${verdict.lost} ids lost`,
    );
    const idsPerSecond = verdict.unassignedAtServer / (elapsedMs / 1000);
    const requests = Object.values(statuses).reduce((sum, n) => sum + n, 0);
    const { lost: lostIds, stillAssigned } = verdict;
    return {
      idsPerSecond,
      shareOfMax: idsPerSecond / theoretical,
      elapsedMs,
      rateLimited,
      requests,
      lostIds,
      stillAssigned,
    };
  });
  return {
    ids: options.ids.length,
    requestsPerSecond: options.requestsPerSecond,
    idsPerRequest,
    theoreticalIdsPerSecond: theoretical,
    rounds: options.rounds,
    arms: arms.map((arm) => {
      const runs = samples.get(arm) ?? [];
      return { id: arm.id, label: arm.label, rounds: runs.length, ...summarizeEach(runs) };
    }),
  };
}

/**
 * Compares the caller's report with the server's record, id by id. Exported for its test: this
 * definition of "lost" is what the benchmark's zero-loss goal rests on.
 */
export function judge(
  given: readonly string[],
  unassignedAtServer: readonly string[],
  outcome: BulkOutcome,
): { lost: number; stillAssigned: number; unassignedAtServer: number } {
  const atServer = new Set(unassignedAtServer);
  const reportedUnassigned = new Set(outcome.unassigned);
  const reportedOpen = new Set([...outcome.notUnassigned, ...outcome.unknown]);
  let lost = 0;
  let stillAssigned = 0;
  let unassigned = 0;
  for (const id of new Set(given)) {
    if (atServer.has(id)) {
      unassigned += 1;
      if (!reportedUnassigned.has(id)) lost += 1;
    } else {
      stillAssigned += 1;
      if (!reportedOpen.has(id)) lost += 1;
    }
  }
  return { lost, stillAssigned, unassignedAtServer: unassigned };
}
