import { type Document, isMap, isSeq, visit } from "yaml";
import type { ScratchRepo } from "./scratch-repo.js";

type Path = readonly (string | number)[];

const schemas = ["components", "schemas"] as const;
const assignedFlow = [...schemas, "AssignedFlow", "properties"] as const;
const listRequest = [...schemas, "ListAssignedFlowsRequest"] as const;
const nonEmptyId = [...schemas, "NonEmptyId"] as const;

/** Throws unless the spec has a value at `path`: an edit of something that is gone must not pass silently. */
function must(spec: Document, path: Path): void {
  if (!spec.hasIn(path)) throw new Error(`the spec has nothing at ${path.join(" > ")}`);
}

/** Sets a value the spec already holds. */
function replace(spec: Document, path: Path, value: unknown): void {
  must(spec, path);
  spec.setIn(path, value);
}

/** Appends to a list the spec already holds. */
function append(spec: Document, path: Path, value: unknown): void {
  if (!isSeq(spec.getIn(path, true))) throw new Error(`the spec has no list at ${path.join(" > ")}`);
  spec.addIn(path, value);
}

/** Adds a key the spec does not hold yet, inside a mapping it holds. */
function add(spec: Document, path: Path, value: unknown): void {
  if (!isMap(spec.getIn(path.slice(0, -1), true)))
    throw new Error(`the spec has no mapping at ${path.slice(0, -1).join(" > ")}`);
  if (spec.hasIn(path)) throw new Error(`the spec already has ${path.join(" > ")}`);
  spec.setIn(path, value);
}

function remove(spec: Document, path: Path): void {
  must(spec, path);
  spec.deleteIn(path);
}

/**
 * Real edits of `spec/openapi.yaml`, each named for what it does to client users. Each edits the spec's
 * structure (see {@link ScratchRepo.editSpec}), whatever its layout, and fails loudly when the spec no
 * longer holds what it edits.
 */
export const specEdits = {
  /** Compatible: a response gains an optional property (responses are tolerant). */
  addOptionalResponseProperty: (repo: ScratchRepo) =>
    repo.editSpec((spec) =>
      add(spec, [...assignedFlow, "flowPriority"], {
        type: "integer",
        description: "The rank of the flow among the prospect's flows.",
      }),
    ),

  /** Compatible for the API, but the generated documentation changes: a description is reworded. */
  rewordDescription: (repo: ScratchRepo) =>
    repo.editSpec((spec) => replace(spec, [...listRequest, "description"], "The prospects whose flows to list.")),

  /** No change at all to the document: only a YAML comment (the one before the document's first key) changes. */
  changeComment: (repo: ScratchRepo) =>
    repo.editSpec((spec) => {
      spec.commentBefore = `${spec.commentBefore ?? ""}\n A note for contributors, which changes nothing in the API.`;
    }),

  /** Breaking: a request must now carry a property that existing callers do not send. */
  addRequiredRequestProperty: (repo: ScratchRepo) =>
    repo.editSpec((spec) => {
      append(spec, [...listRequest, "required"], "workspaceId");
      add(spec, [...listRequest, "properties", "workspaceId"], {
        type: "string",
        description: "The workspace to look in.",
      });
    }),

  /** Breaking: an operation disappears. */
  removeOperation: (repo: ScratchRepo) =>
    repo.editSpec((spec) => remove(spec, ["paths", "/v2/flows/prospects/unassign-flows-by-crm-id"])),

  /** Breaking: ids that were strings become integers (a request type no existing caller matches). */
  changeIdType: (repo: ScratchRepo) =>
    repo.editSpec((spec) => {
      replace(spec, [...nonEmptyId, "type"], "integer");
      remove(spec, [...nonEmptyId, "minLength"]);
    }),

  /** Breaking (narrowed): request ids, unbounded until now, get a maximum length. */
  limitIdLength: (repo: ScratchRepo) => repo.editSpec((spec) => add(spec, [...nonEmptyId, "maxLength"], 18)),

  /** Breaking for typed users (oasdiff: "potentially"): a response property they may read disappears. */
  removeResponseProperty: (repo: ScratchRepo) =>
    repo.editSpec((spec) => remove(spec, [...assignedFlow, "workspaceId"])),

  /**
   * Breaking, in OpenAPI 3.1's own syntax: a response property users read as a string may now be null
   * (`type: [string, "null"]`, which 3.0 wrote `nullable: true`).
   */
  makeResponsePropertyNullable: (repo: ScratchRepo) =>
    repo.editSpec((spec) => replace(spec, [...assignedFlow, "flowInstanceOwnerFullName", "type"], ["string", "null"])),

  /**
   * Breaking for typed users though oasdiff grades it information: a schema is renamed, so code that
   * names it in the client's exported `components` type stops compiling. Every `$ref` to it follows.
   */
  renameSchema: (repo: ScratchRepo) =>
    repo.editSpec((spec) => {
      const [from, to] = ["ProspectsAssignedFlows", "AssignedFlowsOfProspects"];
      const schema = spec.getIn([...schemas, from], true);
      remove(spec, [...schemas, from]);
      add(spec, [...schemas, to], schema);
      visit(spec, {
        Scalar(_, node) {
          if (node.value === `#/components/schemas/${from}`) node.value = `#/components/schemas/${to}`;
        },
      });
    }),

  /** Breaking for typed users (oasdiff: "potentially"): an enum they switch over gains a value. */
  addResponseEnumValue: (repo: ScratchRepo) =>
    repo.editSpec((spec) => append(spec, [...schemas, "FlowInstanceStatus", "enum"], "Completed")),

  /** Not an OpenAPI document any more: `paths` becomes a list. */
  breakDocument: (repo: ScratchRepo) =>
    repo.editSpec((spec) => replace(spec, ["paths"], ["this is not an OpenAPI document"])),
} as const satisfies Record<string, (repo: ScratchRepo) => Promise<void>>;
