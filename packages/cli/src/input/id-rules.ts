import { validateRequestBody } from "@gong-flows/client";

/** What the ids of an input file are: CRM prospect ids, or flow-instance ids. */
export type IdKind = "crmProspectId" | "flowInstanceId";

/**
 * The longest id the CLI accepts (ours, not Gong's: Gong documents no limit). CRM ids are short —
 * Salesforce 15 or 18 characters, a Dynamics GUID 36, Gong's flow-instance ids about 19 digits — so
 * a longer "id" is almost always a whole row of another file, read with the wrong format.
 */
export const maxIdLength = 128;

/** Control and invisible format characters (tabs, zero-width spaces, a stray byte-order mark, …). */
const invisible = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Checks one id as read from an input file (already trimmed) and returns what is wrong with it, or
 * undefined when it is fine. The CLI's own rules (length, invisible characters) come first; then the
 * spec's rules for the request the id will travel in, through the client's validator, so that a rule
 * added to the spec applies to input files with no second edit.
 */
export function idProblem(id: string, kind: IdKind): string | undefined {
  if (id === "") return "empty id";
  if (id.length > maxIdLength)
    return `id is ${id.length} characters long, more than the ${maxIdLength} allowed (is this a whole row of another file?)`;
  const match = invisible.exec(id);
  if (match)
    return `id contains the control or invisible character U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const body = kind === "crmProspectId" ? { crmProspectsIds: [id] } : { flowInstanceIds: [id] };
  const issues = validateRequestBody(
    kind === "crmProspectId" ? "listAssignedFlows" : "unassignFlowsByFlowInstanceIds",
    body,
  );
  const issue = issues[0];
  return issue === undefined ? undefined : `id ${issue.message}`;
}

/**
 * Trims whitespace and one pair of matching surrounding quotes (`"id"`, `'id'`) from a line of a
 * plain id list, as spreadsheets and shell loops tend to leave them.
 */
export function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2) {
    const first = trimmed[0];
    if ((first === '"' || first === "'") && trimmed.endsWith(first)) return trimmed.slice(1, -1).trim();
  }
  return trimmed;
}
