// TSDoc for the top-level names openapi-typescript emits without any (`paths`, `components`,
// `operations` and their members), so that the client's API report can require documentation of
// every exported symbol. Each comment is written from the spec: an operation's summary, a path's
// operations.

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const componentDocs = {
  schemas: "The spec's named schemas (`components.schemas`), as TypeScript types.",
  responses: "The spec's shared responses (`components.responses`): headers and content.",
  parameters: "The spec's shared parameters (`components.parameters`); it defines none.",
  requestBodies: "The spec's shared request bodies (`components.requestBodies`); it defines none.",
  headers: "The spec's shared response headers (`components.headers`).",
  pathItems: "The spec's shared path items (`components.pathItems`); it defines none.",
};

const topDocs = {
  paths: "Every path of the spec and its operations' parameters, request body and responses: what openapi-fetch's `createClient` is typed with.",
  components: "The spec's reusable parts (`components`): schemas, responses and headers.",
  operations: "Every operation of the spec, by its `operationId`: parameters, request body and responses.",
};

/** Inserts `/** text *\/` before the one line that matches `line`, with its indentation; throws when none or several do. */
function documentLine(source, line, text) {
  const lines = source.split("\n");
  const found = lines.flatMap((each, index) => (each === line ? [index] : []));
  if (found.length !== 1) throw new Error(`type-docs: expected one line ${JSON.stringify(line)} in the generated types, found ${found.length}`);
  const indent = line.match(/^\s*/)[0];
  lines.splice(found[0], 0, `${indent}/** ${text.replace(/\*\//g, "*\\/")} */`);
  return lines.join("\n");
}

/** Returns the generated types with TSDoc on every top-level name and member that had none. */
export function documentTypes(source, spec) {
  let text = source;
  for (const [name, doc] of Object.entries(topDocs)) text = documentLine(text, `export interface ${name} {`, doc);
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const operations = httpMethods.filter((method) => item?.[method]).map((method) => `${method.toUpperCase()} ${path}: ${item[method].summary ?? item[method].operationId}.`);
    text = documentLine(text, `    ${JSON.stringify(path)}: {`, operations.join(" "));
    for (const method of httpMethods) {
      const operation = item?.[method];
      if (operation?.operationId) text = documentLine(text, `    ${operation.operationId}: {`, `${operation.summary ?? operation.operationId} (\`${method.toUpperCase()} ${path}\`).`);
    }
  }
  for (const [member, doc] of Object.entries(componentDocs)) {
    const line = text.split("\n").find((each) => each === `    ${member}: {` || each === `    ${member}: never;`);
    if (line) text = documentLine(text, line, doc);
  }
  return text;
}
