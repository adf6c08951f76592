import { formatDuration, RateLimitRefusal } from "@gong-flows/client";

/** The parts of a granted slot that the scripts need back to confirm or release it. */
export interface Slot {
  readonly slotUs: number;
  readonly day: number;
  readonly epoch: string;
  readonly seq: number;
}

/** A reply of the grant and confirm scripts (see src/scripts.ts). */
export type SlotReply =
  | { kind: "granted"; waitUs: number; slot: Slot }
  | { kind: "held"; leftUs: number }
  | { kind: "quota"; leftUs: number };

/** Reads a grant or confirm script's reply; undefined when it does not have the documented shape. */
export function parseSlotReply(raw: unknown): SlotReply | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== "number" || typeof raw[1] !== "number") return undefined;
  const [kind, value] = raw as [number, number];
  if (kind === 1) return { kind: "held", leftUs: value };
  if (kind === 2) return { kind: "quota", leftUs: value };
  const [, , slotUs, day, epoch, seq] = raw as unknown[];
  const slotShaped =
    typeof slotUs === "number" && typeof day === "number" && typeof epoch === "string" && typeof seq === "number";
  if (kind !== 0 || !slotShaped) return undefined;
  return { kind: "granted", waitUs: Math.max(0, value), slot: { slotUs, day, epoch, seq } };
}

/** What the client is told when a hold or the daily quota refuses the request: it is not sent. */
export function refusalOf(
  reply: Exclude<SlotReply, { kind: "granted" }>,
  key: string,
  dailyQuota: number | undefined,
): RateLimitRefusal {
  const retryAfterMs = Math.ceil(reply.leftUs / 1000);
  const where = `Redis key "${key}"`;
  if (reply.kind === "held") {
    return new RateLimitRefusal(
      retryAfterMs,
      "hold",
      `Not sent: every process sharing ${where} is held for another ${formatDuration(retryAfterMs)} after a 429 from Gong, longer than this call waits.`,
    );
  }
  return new RateLimitRefusal(
    retryAfterMs,
    "daily-quota",
    `Not sent: the daily quota of ${dailyQuota} calls shared through ${where} is spent for this UTC day; ` +
      `the next call can start in ${formatDuration(retryAfterMs)}, at 00:00 UTC.`,
  );
}

const dayMs = 86_400_000;

/** What `usage()` reports, from the state script's `{nowUs, tatUs, holdUs, day, count}`; undefined when malformed. */
export function parseUsage(
  raw: unknown,
  dailyQuota: number | undefined,
): { callsToday: number; dailyQuota: number | undefined; heldForMs: number; nextSlotInMs: number } | undefined {
  if (!Array.isArray(raw) || raw.length !== 5 || !raw.every((n) => typeof n === "number")) return undefined;
  const [nowUs, tatUs, holdUs, day, count] = raw as [number, number, number, number, number];
  return {
    callsToday: day === Math.floor(nowUs / 1000 / dayMs) ? count : 0,
    dailyQuota,
    heldForMs: Math.max(0, (holdUs - nowUs) / 1000),
    nextSlotInMs: Math.max(0, (Math.max(tatUs, holdUs) - nowUs) / 1000),
  };
}
