// How the client's API report shows the declarations generated from the spec: by name, with their
// body replaced by one line saying where their detail is reviewed (scripts/api-report.ts runs it).

/** The line that stands for a generated declaration's body in the report. */
export const generatedBody =
  "    // Generated from spec/openapi.yaml: reviewed with the spec (pnpm spec:diff), not in this report.";

/** The names of the interfaces a generated types file exports (`export interface paths {`). */
export function generatedDeclarationNames(generatedSource: string): string[] {
  return [...generatedSource.matchAll(/^export interface (\w+) \{$/gm)].map((match) => match[1]!);
}

/**
 * The report with the body of each `export interface <name> {` … `}` of the given names (top level, as
 * api-extractor writes them) replaced by {@link generatedBody}. Everything else is left as it is.
 */
export function reportedByName(report: string, names: readonly string[]): string {
  const out: string[] = [];
  let inside = false;
  for (const line of report.split("\n")) {
    if (inside) {
      if (line === "}") {
        out.push(generatedBody, line);
        inside = false;
      }
      continue;
    }
    out.push(line);
    const opened = /^export interface (\w+) \{$/.exec(line);
    if (opened && names.includes(opened[1]!)) inside = true;
  }
  if (inside) throw new Error("api report: a generated declaration is not closed by a `}` line");
  return out.join("\n");
}
