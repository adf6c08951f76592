import type { components } from "@gong-flows/client";
import { crossCheckIssues } from "./data-set-checks.js";
import { GongMockInputError, type GongMockIssue } from "./issues.js";
import { schemaValidator } from "./schema-validator.js";

type Schemas = components["schemas"];
/** The spec's AssignedFlow as written: the mock serves only the spec's statuses (the client's named type admits more). */
type AssignedFlow = Schemas["AssignedFlow"];

/**
 * Who sees a flow or a folder, in the mock's data only (never served): Gong lists `Company` ones to
 * everyone, `Personal` ones to their owner, `Shared` ones to their owner and the users shared with.
 */
export type GongMockOwnership = {
  /** The Gong user who set it up: required for `Personal` and `Shared` ones. */
  ownerEmail?: string;
  /** The Gong users a `Shared` one is shared with. */
  sharedWithEmails?: string[];
  /** The workspace it belongs to (the `workspaceId` filter of the list operations). */
  workspaceId?: string;
};

/** A flow of the data set: the spec's Flow, its description (served by the steps operation), and who sees it. */
export type GongMockFlow = Schemas["Flow"] & GongMockOwnership & { description?: string };

/** A flow folder of the data set: the spec's FlowFolder, who sees it, and its parent folder. */
export type GongMockFolder = Schemas["FlowFolder"] & GongMockOwnership & { parentId?: string };

/** A prospect the mock's CRM holds: assign and bulk assignments know it by its `crmId`. */
export type GongMockCrmProspect = Schemas["AssignmentProspect"] & { crmId: string };

/**
 * What `--data FILE`, `POST /_mock/seed` and {@link parseDataSet} read. Every key is optional; a data
 * file of the first format (`{ "assignedFlows": [...] }` only) is one of these.
 */
export interface GongMockDataSet {
  /** The flow instances the mock starts with, each in the spec's AssignedFlow shape. */
  assignedFlows?: readonly AssignedFlow[] | undefined;
  /** The flows `GET /v2/flows` lists and prospects can be assigned to. */
  flows?: readonly GongMockFlow[] | undefined;
  /** The folders `GET /v2/flows/folders` lists. */
  folders?: readonly GongMockFolder[] | undefined;
  /** The steps of each flow, by flow id, as `POST /v2/flows/steps` serves them. */
  steps?: Readonly<Record<string, readonly Schemas["FlowStep"][]>> | undefined;
  /** The prospects the mock's CRM holds besides those of `assignedFlows`. */
  crmProspects?: readonly GongMockCrmProspect[] | undefined;
}

/** A data set checked, with every key present (an absent one is empty). */
export type GongMockData = { readonly [Key in keyof GongMockDataSet]-?: NonNullable<GongMockDataSet[Key]> };

/** The keys of a data set, in the order the mock reads them. */
export const dataSetKeys = ["assignedFlows", "flows", "folders", "steps", "crmProspects"] as const;

/**
 * The fields a flow instance must have for the mock to hold it: its own id, its prospect's and its
 * flow's (the operations address instances by them). A mock rule, not the spec's: Gong's answers
 * promise no field, but a flow instance without these could never be listed or unassigned.
 */
export const identityFields = ["flowInstanceId", "crmProspectId", "flowId"] as const;

const spec = (name: keyof Schemas) => `urn:gong-flows:spec#/$defs/${name}`;
const nonEmpty = { type: "string", minLength: 1 };
const email = { type: "string", format: "email" };
// The mock's own data is held to ISO-8601 (RFC 3339: a date, a time and an offset), as Gong's pages
// describe its dates; the spec itself, and so the client, stays tolerant of what Gong sends.
const dateTime = { type: "string", format: "date-time" };
const ownership = { ownerEmail: email, sharedWithEmails: { type: "array", items: email }, workspaceId: nonEmpty };

/** Each item: the spec's schema, plus the mock's own rules (ids it finds things by, dates, who sees it). */
const dataSetSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    assignedFlows: list(spec("AssignedFlow"), [...identityFields], { flowInstanceCreateDate: dateTime }),
    flows: list(spec("Flow"), ["id", "name"], {
      creationDate: dateTime,
      description: { type: "string" },
      ...ownership,
    }),
    folders: list(spec("FlowFolder"), ["id", "name"], { creationDate: dateTime, parentId: nonEmpty, ...ownership }),
    steps: {
      type: "object",
      propertyNames: { type: "string", minLength: 1 },
      additionalProperties: { type: "array", items: { $ref: spec("FlowStep") } },
    },
    crmProspects: list(spec("AssignmentProspect"), ["crmId"], { email }),
  },
};

function list(ref: string, required: string[], properties: Record<string, unknown>) {
  const identity = Object.fromEntries(required.map((field) => [field, nonEmpty]));
  return { type: "array", items: { type: "object", $ref: ref, required, properties: { ...identity, ...properties } } };
}

const validateDataSet = schemaValidator(dataSetSchema);

/**
 * Checks a data set against the spec's schemas (AssignedFlow, Flow, FlowFolder, FlowStep,
 * AssignmentProspect), plus the mock's own rules: the ids it finds things by are present, non-empty
 * and never given twice, dates are ISO-8601, a `Personal` or `Shared` flow or folder names its owner,
 * and `steps` names flows of the data set. Returns it with every key present.
 *
 * @param source - names the input in the error: a file name, `assignedFlows`, …
 * @throws {@link GongMockInputError} listing every problem with its JSON pointer.
 */
export function parseDataSet(value: unknown, source = "data set"): GongMockData {
  // Every problem at once, so that one edit fixes the file.
  const issues: GongMockIssue[] = [...validateDataSet(value), ...crossCheckIssues(value)];
  if (issues.length > 0) throw new GongMockInputError(source, issues);
  const given = value as GongMockDataSet;
  return {
    assignedFlows: (given.assignedFlows ?? []).map((flow) => ({ ...flow })),
    flows: (given.flows ?? []).map((flow) => ({ ...flow })),
    folders: (given.folders ?? []).map((folder) => ({ ...folder })),
    steps: Object.fromEntries(
      Object.entries(given.steps ?? {}).map(([id, steps]) => [id, steps.map((s) => ({ ...s }))]),
    ),
    crmProspects: (given.crmProspects ?? []).map((prospect) => ({ ...prospect })),
  };
}
