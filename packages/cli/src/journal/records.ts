import type { Strategy } from "../plan/cost.js";

/** The version of the journal's format, in its first record. A journal of another version is refused. */
export const journalFormat = 1;

/**
 * What a job is, as far as its plan goes: the input ids, the filter, the strategy asked for, where
 * Gong is. Two runs with the same description share a journal; any difference refuses it. Run options
 * that do not change the plan (`--rps`, `--daily-budget`, `--verify`, `--report`) are not part of it.
 */
export interface JobDescription {
  /** The job's operation; absent for unassign (the first job, whose journals predate the field). */
  readonly operation?: "assign" | undefined;
  readonly mode: "prospects" | "flow-instances";
  /** How many distinct ids the input holds, and the SHA-256 of them sorted (with their prospects). */
  readonly input: { readonly count: number; readonly sha256: string; readonly file: string };
  readonly flowIds: readonly string[];
  readonly statuses: readonly string[];
  readonly strategy: Strategy | "auto";
  /** Gong's base URL, without any user-info. */
  readonly baseUrl: string;
  readonly unassignedByUserEmail?: string | undefined;
  /** assign: the Gong user who owns the flow instances created. */
  readonly flowInstanceOwnerEmail?: string | undefined;
}

/**
 * A flow instance as the journal keeps it: `[flowInstanceId, crmProspectId, flowId, status, createdAt]`
 * (`""` for an instance Gong listed without an id, `null` for any other field it left out).
 */
export type CompactFlow = [
  flowInstanceId: string,
  crmProspectId: string | null,
  flowId: string | null,
  status: string | null,
  createdAt: string | null,
];

/** The requests a job makes. */
export type RequestKind =
  /** Listing prospects to plan. */
  | "plan-list"
  /** Listing prospects to settle unknown outcomes or verify the end state. */
  | "check-list"
  /** Listing flow instances by id (finished ones included) to settle or verify them. */
  | "instance-list"
  | "unassign-by-instance-id"
  | "unassign-by-crm-id"
  | "assign";

/** Why an error ended a request, as far as the job is concerned. */
export interface ErrorSummary {
  readonly name: string;
  readonly message: string;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
}

/** The first record of every run (invocation) of a job. The first one fixes the job. */
export interface StartRecord {
  readonly type: "start";
  readonly format: typeof journalFormat;
  readonly at: string;
  /** 1 for the first run of the journal, 2 for the first resume, … */
  readonly run: number;
  readonly tool: string;
  readonly fingerprint: string;
  readonly job: JobDescription;
  /** The strategy the planner chose (the first run's choice holds for every resume). */
  readonly strategy: Strategy;
}

/** Written and flushed before a request is handed to the client. */
export interface RequestRecord {
  readonly type: "request";
  readonly seq: number;
  readonly kind: RequestKind;
  /** Prospect ids (list, by-crm-id, assign) or flow-instance ids (by instance id, instance-list). */
  readonly ids: readonly string[];
  /** by-crm-id with `--flow`, and assign: the flow. */
  readonly flowId?: string | undefined;
  /**
   * A check listing after which this run sends nothing again: an unknown outcome it finds still
   * assigned is "not unassigned" rather than "to send again".
   */
  readonly final?: boolean | undefined;
}

/** Written as each attempt of a request leaves (retries included): the daily budget counts these. */
export interface AttemptRecord {
  readonly type: "attempt";
  readonly seq: number;
  readonly at: string;
}

/** A list request's response: every flow instance Gong returned. (`"answer"` is the journal format's word, kept.) */
export interface ListResponseRecord {
  readonly type: "answer";
  readonly seq: number;
  readonly at: string;
  readonly ok: true;
  readonly flows: readonly CompactFlow[];
  /** Flow names by flow id, for the plan's printout. */
  readonly flowNames: Readonly<Record<string, string>>;
  readonly requestIds: readonly string[];
}

/** An unassign request's response, id by id. */
export interface UnassignResponseRecord {
  readonly type: "answer";
  readonly seq: number;
  readonly at: string;
  readonly ok: true;
  readonly unassigned: readonly string[];
  readonly notUnassigned: readonly string[];
  /** Ids whose outcome the response leaves unknown (an earlier attempt's response was lost). */
  readonly unconfirmed: readonly string[];
  /** by-crm-id: the call may have removed more than it returned (an earlier attempt was ambiguous). */
  readonly prospectUnconfirmed?: boolean | undefined;
  readonly requestIds: readonly string[];
}

/** An assign request's response, prospect by prospect. */
export interface AssignResponseRecord {
  readonly type: "answer";
  readonly seq: number;
  readonly at: string;
  readonly ok: true;
  /** `[crmProspectId, flowInstanceId]` of each prospect assigned (`null`: Gong gave no instance id). */
  readonly assigned: readonly (readonly [string, string | null])[];
  /** `[crmProspectId, errorCode, errorMessage]` of each prospect Gong did not assign. */
  readonly notAssigned: readonly (readonly [string, string | null, string | null])[];
  /** Prospects whose outcome the response leaves unknown (an earlier attempt's response was lost). */
  readonly unconfirmed: readonly string[];
  readonly requestIds: readonly string[];
}

/** A request that ended without a usable response. */
export interface FailedResponseRecord {
  readonly type: "answer";
  readonly seq: number;
  readonly at: string;
  readonly ok: false;
  /** `no`: Gong cannot have acted on it (never sent, or refused with 4xx); `maybe`: it may have. */
  readonly applied: "no" | "maybe";
  /**
   * Its last attempt got no response at all (no status line: abandoned, timed out, connection lost
   * before a response): Gong may still be working on it.
   */
  readonly noResponse?: true | undefined;
  readonly error: ErrorSummary;
}

/** A usable response, of any request. */
export type OkResponseRecord = ListResponseRecord | UnassignResponseRecord | AssignResponseRecord;

export type ResponseRecord = OkResponseRecord | FailedResponseRecord;

/** Planning finished: every input prospect has been listed (list-then-batch, and assign). */
export interface PlannedRecord {
  readonly type: "planned";
  readonly at: string;
  /** Flow instances planned for removal (unassign), or prospects to assign (assign). */
  readonly instances: number;
}

/** A run ended (normally, or stopped early with the reason). */
export interface EndRecord {
  readonly type: "end";
  readonly at: string;
  readonly exitCode: number;
  readonly reason?: string | undefined;
}

/** One line of the journal. */
export type JournalRecord = StartRecord | RequestRecord | AttemptRecord | ResponseRecord | PlannedRecord | EndRecord;
