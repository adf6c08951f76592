// TSDoc, written from the spec, for the names openapi-typescript emits without any (`paths`,
// `components`, `operations`), so that the API report can require documentation of every export.

import { appendPointer, listOperations, type OpenApiDocument, valueAt } from "@gong-flows/spec-reader";

const componentDocs: Record<string, string> = {
  schemas: "The spec's named schemas (`components.schemas`), as TypeScript types.",
  responses: "The spec's shared responses (`components.responses`): headers and content.",
  parameters: "The spec's shared parameters (`components.parameters`); it defines none.",
  requestBodies: "The spec's shared request bodies (`components.requestBodies`); it defines none.",
  headers: "The spec's shared response headers (`components.headers`).",
  pathItems: "The spec's shared path items (`components.pathItems`); it defines none.",
};

const topDocs: Record<string, string> = {
  paths:
    "Every path of the spec and its operations' parameters, request body and responses: what openapi-fetch's `createClient` is typed with.",
  components: "The spec's reusable parts (`components`): schemas, responses and headers.",
  operations: "Every operation of the spec, by its `operationId`: parameters, request body and responses.",
};

/** Inserts `/** text *\/` before the one line that matches `line`, with its indentation; throws when none or several do. */
function documentLine(source: string, line: string, text: string): string {
  const lines = source.split("\n");
  const found = lines.flatMap((each, index) => (each === line ? [index] : []));
  if (found.length !== 1)
    throw new Error(
      `type-docs: expected one line ${JSON.stringify(line)} in the generated types, found ${found.length}`,
    );
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  lines.splice(found[0]!, 0, `${indent}/** ${text.replace(/\*\//g, "*\\/")} */`);
  return lines.join("\n");
}

/** An operation's summary as the spec writes it, else its operationId. */
function summaryOf(spec: OpenApiDocument, pointer: string, operationId: string): string {
  const summary = valueAt(spec, appendPointer(pointer, "summary"));
  return typeof summary === "string" ? summary : operationId;
}

/** Returns the generated types with TSDoc on every top-level name and member that had none. */
export function documentTypes(source: string, spec: OpenApiDocument): string {
  let text = source;
  for (const [name, doc] of Object.entries(topDocs)) text = documentLine(text, `export interface ${name} {`, doc);
  const operations = listOperations(spec);
  const paths = [...new Set(operations.map((operation) => operation.path))];
  for (const path of paths) {
    const onPath = operations.filter((operation) => operation.path === path);
    const line = onPath
      .map((operation) => `${operation.method} ${path}: ${summaryOf(spec, operation.pointer, operation.operationId)}.`)
      .join(" ");
    text = documentLine(text, `    ${JSON.stringify(path)}: {`, line);
    for (const operation of onPath) {
      const summary = summaryOf(spec, operation.pointer, operation.operationId);
      text = documentLine(text, `    ${operation.operationId}: {`, `${summary} (\`${operation.method} ${path}\`).`);
    }
  }
  for (const [member, doc] of Object.entries(componentDocs)) {
    const line = text.split("\n").find((each) => each === `    ${member}: {` || each === `    ${member}: never;`);
    if (line) text = documentLine(text, line, doc);
  }
  return text;
}
