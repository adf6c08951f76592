import type { ScratchRepo } from "./scratch-repo.js";

/**
 * Real edits of `spec/openapi.yaml`, each named for what it does to client users. Each fails loudly
 * (see {@link ScratchRepo.editSpec}) when the spec no longer holds the text it edits.
 */
export const specEdits = {
  /** Compatible: a response gains an optional property (responses are tolerant). */
  addOptionalResponseProperty: (repo: ScratchRepo) =>
    repo.editSpec(
      /\n {8}exclusive:\n {10}type: boolean\n {10}description: .*\n {10}examples: .*\n/,
      (match) => `${match}        flowPriority:\n          type: integer\n          description: The rank of the flow among the prospect's flows.\n`,
    ),

  /** Compatible for the API, but the generated documentation changes: a description is reworded. */
  rewordDescription: (repo: ScratchRepo) =>
    repo.editSpec("description: Prospects assigned flows request.", "description: The prospects whose flows to list."),

  /** No change at all to the document: only a YAML comment is reworded. */
  rewordComment: (repo: ScratchRepo) =>
    repo.editSpec("# Note the spelling, as documented:", "# Mind the spelling, as documented:"),

  /** Breaking: a request must now carry a property that existing callers do not send. */
  addRequiredRequestProperty: (repo: ScratchRepo) =>
    repo.editSpec(
      "      required: [crmProspectsIds]\n      properties:\n",
      "      required: [crmProspectsIds, workspaceId]\n      properties:\n" +
        "        workspaceId:\n          type: string\n          description: The workspace to look in.\n",
    ),

  /** Breaking: an operation disappears. */
  removeOperation: (repo: ScratchRepo) =>
    repo.editSpec(/ {2}\/v2\/flows\/prospects\/unassign-flows-by-crm-id:\n[\s\S]*?(?= {2}\/v2\/flows\/prospects\/unassign-flows-by-instance-id:)/, ""),

  /** Breaking: ids that were strings become integers (a request type no existing caller matches). */
  changeIdType: (repo: ScratchRepo) =>
    repo.editSpec("  NonEmptyId:\n      type: string\n      minLength: 1\n", "  NonEmptyId:\n      type: integer\n"),

  /** Breaking (narrowed): request ids, unbounded until now, get a maximum length. */
  limitIdLength: (repo: ScratchRepo) =>
    repo.editSpec("  NonEmptyId:\n      type: string\n      minLength: 1\n", "  NonEmptyId:\n      type: string\n      minLength: 1\n      maxLength: 18\n"),

  /** Breaking for typed users (oasdiff: "potentially"): a response property they may read disappears. */
  removeResponseProperty: (repo: ScratchRepo) =>
    repo.editSpec(/\n {8}workspaceId:\n {10}type: string\n {10}description: The workspace ID this flow belongs to\.\n.*\n/, "\n"),

  /**
   * Breaking, in OpenAPI 3.1's own syntax: a response property users read as a string may now be null
   * (`type: [string, "null"]`, which 3.0 wrote `nullable: true`).
   */
  makeResponsePropertyNullable: (repo: ScratchRepo) =>
    repo.editSpec(
      / {8}flowInstanceOwnerFullName:\n {10}type: string\n/,
      (match) => match.replace("type: string", 'type: [string, "null"]'),
    ),

  /**
   * Breaking for typed users though oasdiff grades it information: a schema is renamed, so code that
   * names it in the client's exported `components` type stops compiling.
   */
  renameSchema: (repo: ScratchRepo) => repo.editSpec(/ProspectsAssignedFlows/g, "AssignedFlowsOfProspects"),

  /** Breaking for typed users (oasdiff: "potentially"): an enum they switch over gains a value. */
  addResponseEnumValue: (repo: ScratchRepo) =>
    repo.editSpec("enum: [Running, Pending, Paused]", "enum: [Running, Pending, Paused, Completed]"),
} as const satisfies Record<string, (repo: ScratchRepo) => Promise<void>>;
