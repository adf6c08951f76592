import type { GongStubProcess } from "./start-gong-stub.js";
import { rotate, summarize, type Summary } from "./stats.js";

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
  burst: number;
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
  burst: number;
  rounds: number;
  onProgress?: (message: string) => void;
}

/** The most ids one unassign request may carry (Gong's documented cap). */
export const idsPerRequest = 200;

/**
 * Runs each arm `rounds` times (rotating order) against the rate-limited stub, resetting the stub's
 * counters and bucket before each run, and compares what the caller reports with what the server did.
 */
export async function measureBulk(server: GongStubProcess, arms: readonly BulkArm[], options: BulkOptions): Promise<BulkResult> {
  const theoretical = options.requestsPerSecond * idsPerRequest;
  const samples = new Map<string, { ips: number[]; ms: number[]; r429: number[]; req: number[]; lost: number[]; still: number[] }>(
    arms.map((arm) => [arm.id, { ips: [], ms: [], r429: [], req: [], lost: [], still: [] }]),
  );
  for (let round = 0; round < options.rounds; round++) {
    for (const arm of rotate(arms, round)) {
      if (arm.maxRounds !== undefined && samples.get(arm.id)!.ms.length >= arm.maxRounds) continue;
      await server.reset();
      const started = performance.now();
      const outcome = await arm.run(server.url, options.ids);
      const elapsedMs = performance.now() - started;
      const stats = await server.stats();
      const verdict = judge(options.ids, stats.unassignedIds, outcome);
      const sample = samples.get(arm.id)!;
      sample.ips.push(verdict.unassignedAtServer / (elapsedMs / 1000));
      sample.ms.push(elapsedMs);
      sample.r429.push(stats.rejected429);
      sample.req.push(stats.requests);
      sample.lost.push(verdict.lost);
      sample.still.push(verdict.stillAssigned);
      options.onProgress?.(
        `round ${round + 1}/${options.rounds} ${arm.id}: ${(elapsedMs / 1000).toFixed(2)} s, ${stats.rejected429} × 429, ${verdict.lost} ids lost`,
      );
    }
  }
  return {
    ids: options.ids.length,
    requestsPerSecond: options.requestsPerSecond,
    burst: options.burst,
    idsPerRequest,
    theoreticalIdsPerSecond: theoretical,
    rounds: options.rounds,
    arms: arms.map((arm) => {
      const s = samples.get(arm.id)!;
      return {
        id: arm.id,
        label: arm.label,
        rounds: s.ms.length,
        idsPerSecond: summarize(s.ips),
        shareOfMax: summarize(s.ips.map((ips) => ips / theoretical)),
        elapsedMs: summarize(s.ms),
        rateLimited: summarize(s.r429),
        requests: summarize(s.req),
        lostIds: summarize(s.lost),
        stillAssigned: summarize(s.still),
      };
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

/** `count` distinct flow-instance ids shaped like Gong's (numeric strings). */
export function flowInstanceIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(1_234_361_284_000_000 + i));
}
