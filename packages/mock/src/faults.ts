import type { MockOperationName } from "./routes.js";
import { GongMockInputError, type GongMockIssue } from "./issues.js";
import { operationNames } from "./routes.js";
import { schemaValidator } from "./schema-validator.js";

/** What every fault has: which calls it hits, and how many of them. */
interface FaultTarget {
  /** The operation whose next calls it hits (its operationId). Default: any operation. */
  operation?: MockOperationName | undefined;
  /** How many calls it hits. Default 1. */
  times?: number | undefined;
}

/**
 * The next calls answer this error status, whatever the request — before credentials, limits and
 * validation are looked at, and without touching the state. The body is the spec's ErrorResponse.
 */
export interface StatusFault extends FaultTarget {
  /** An error status, 400–599. Statuses the spec does not list for the operation are yours to choose. */
  status: number;
  /** `Retry-After` in seconds. Default 1 on a 429 (which always carries it); none on other statuses. */
  retryAfterSeconds?: number | undefined;
  /** The body's `errors`. Default: one message naming the injected status. */
  errors?: string[] | undefined;
}

/**
 * "Apply, then lose the answer": the next calls run as usual — a valid unassign call does unassign —
 * and then the connection breaks after the status line and part of the body, so the caller cannot
 * know what happened.
 */
export interface LoseAnswerFault extends FaultTarget {
  /** Marks this kind of fault: apply the call, then break the connection mid-answer. */
  loseAnswer: true;
}

/** The next calls are answered this much later (on top of the mock's `latencyMs`). */
export interface LatencyFault extends FaultTarget {
  /** The extra delay of each answer, in milliseconds. */
  latencyMs: number;
}

/**
 * "Received, not yet acted on": the next calls wait, unanswered and changing nothing, until
 * `mock.release(hold)` (or `POST /_mock/release`) lets them go on. Then they run as usual. For
 * ordering a slow server's work against a caller's later calls without timing anything.
 */
export interface HoldFault extends FaultTarget {
  /** The name the calls are held under: `release(name)` releases those, and no others. */
  hold: string;
}

/** A fault to inject: exactly one of `status`, `loseAnswer`, `latencyMs` or `hold`, plus `operation` and `times`. */
export type GongMockFault = StatusFault | LoseAnswerFault | LatencyFault | HoldFault;

/** A fault waiting for calls, with the number of calls it still hits. */
export type PendingFault = GongMockFault & { readonly remaining: number };

export type FaultKind = "status" | "loseAnswer" | "latency" | "hold";

const common = {
  operation: { enum: operationNames },
  times: { type: "integer", minimum: 1 },
};

/** One schema per kind: the kind is told by which of its four keys a fault has. */
const schemas: Record<FaultKind, Record<string, unknown>> = {
  status: {
    type: "object",
    additionalProperties: false,
    required: ["status"],
    properties: {
      ...common,
      status: { type: "integer", minimum: 400, maximum: 599 },
      retryAfterSeconds: { type: "integer", minimum: 0 },
      errors: { type: "array", items: { type: "string" } },
    },
  },
  loseAnswer: {
    type: "object",
    additionalProperties: false,
    required: ["loseAnswer"],
    properties: { ...common, loseAnswer: { const: true } },
  },
  latency: {
    type: "object",
    additionalProperties: false,
    required: ["latencyMs"],
    properties: { ...common, latencyMs: { type: "integer", minimum: 0, maximum: 600_000 } },
  },
  hold: {
    type: "object",
    additionalProperties: false,
    required: ["hold"],
    properties: { ...common, hold: { type: "string", minLength: 1, maxLength: 200 } },
  },
};
const validators = Object.fromEntries(
  Object.entries(schemas).map(([kind, schema]) => [kind, schemaValidator(schema)]),
) as Record<FaultKind, (value: unknown) => GongMockIssue[]>;

/** The key that tells each kind of fault. */
const kindKeys = {
  status: "status",
  loseAnswer: "loseAnswer",
  latency: "latencyMs",
  hold: "hold",
} as const satisfies Record<FaultKind, string>;

/** The kind of a fault: which of `status`, `loseAnswer`, `latencyMs`, `hold` it has. */
export function kindOf(fault: GongMockFault): FaultKind {
  return (Object.keys(kindKeys) as FaultKind[]).find((kind) => kindKeys[kind] in fault)!;
}

/**
 * Checks a fault (from code or the body of `POST /_mock/faults`).
 *
 * @throws {@link GongMockInputError} naming every problem with its JSON pointer.
 */
export function parseFault(value: unknown, source = "fault"): GongMockFault {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new GongMockInputError(source, [{ path: "", message: "must be an object" }]);
  }
  const kinds = (Object.keys(kindKeys) as FaultKind[]).filter((kind) => kindKeys[kind] in value);
  if (kinds.length !== 1) {
    const keys = Object.values(kindKeys).map((k) => `"${k}"`);
    const found = kinds.map((kind) => `"${kindKeys[kind]}"`);
    throw new GongMockInputError(source, [
      {
        path: "",
        message: `must have exactly one of ${keys.join(", ")}${found.length > 1 ? `, not ${found.join(" and ")}` : ""}`,
      },
    ]);
  }
  const kind = kinds[0]!;
  const issues = validators[kind](value);
  if (issues.length > 0) throw new GongMockInputError(source, issues);
  return value as GongMockFault;
}

/** The queue of injected faults: each call takes, of each kind, the first fault that targets it. */
export class FaultQueue {
  #pending: { fault: GongMockFault; remaining: number }[] = [];

  add(fault: GongMockFault): void {
    this.#pending.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  /** Takes one call's share of the first pending fault of `kind` that targets `operation`. */
  take<K extends FaultKind>(kind: K, operation: MockOperationName): Extract<GongMockFault, KindShape[K]> | undefined {
    const index = this.#pending.findIndex(
      ({ fault }) => kindOf(fault) === kind && (fault.operation === undefined || fault.operation === operation),
    );
    if (index === -1) return undefined;
    const slot = this.#pending[index]!;
    slot.remaining--;
    if (slot.remaining <= 0) this.#pending.splice(index, 1);
    return slot.fault as Extract<GongMockFault, KindShape[K]>;
  }

  /** The faults still waiting, in order, with the calls each still hits. */
  pending(): PendingFault[] {
    return this.#pending.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  clear(): void {
    this.#pending = [];
  }
}

interface KindShape {
  status: { status: number };
  loseAnswer: { loseAnswer: true };
  latency: { latencyMs: number };
  hold: { hold: string };
}
