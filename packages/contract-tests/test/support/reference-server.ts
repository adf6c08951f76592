// A small server that keeps the contract, built from the spec: it checks credentials, content type
// and body the way the spec says, and answers with the spec's examples. The self-tests break it one
// fault at a time (see faults.ts), so each deliberately-wrong server differs from a conforming one by
// exactly the violation a check must catch. It also answers Prism's `Prefer: code=…`, so that every
// documented status can be forced from it too.
//
// `rules: "gong"` makes it the lenient server a real Gong probably is: it refuses what Gong's pages
// document (a missing required property, a wrong type, 201 flow-instance ids) and accepts what only
// the project's decisions forbid (unknown properties, empty ids, empty lists, any email string), as a
// Java/Spring service that ignores unknown properties would.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { validateRequestBody, type OperationName } from "@gong-flows/client";
import { pathValues, templatePattern } from "../../src/http/path-template.js";
import { asText } from "../../src/requests/input-mutations.js";
import { sampleValue } from "../../src/requests/sample.js";
import { effectiveSchema } from "../../src/spec/effective-schema.js";
import {
  appendPointer,
  isJsonMediaType,
  jsonMediaType,
  type OperationSpec,
  responseFor,
  valueAt,
} from "@gong-flows/spec-reader";
import { type ContractModel, documentedAccepts } from "../../src/spec/model.js";

/** A response before it is written: faults rewrite it. */
export interface ReferenceResponse {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

/** What the server made of a request. */
export interface ReceivedRequest {
  operation: OperationSpec | undefined;
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** `ok`, or why the conforming server refuses it. */
  verdict: "ok" | "unknown-route" | "unauthenticated" | "invalid";
  /** The parsed body, when it was JSON. */
  body: unknown;
}

/** Rewrites the conforming answer; `documented(status)` builds the conforming answer for any status. */
export type Fault = (
  response: ReferenceResponse,
  request: ReceivedRequest,
  documented: (status: number) => ReferenceResponse,
) => ReferenceResponse;

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  fault?: Fault | undefined;
  /**
   * Which rules a request body is judged by: the spec as written (`spec`, the default: the client's own
   * pre-send check, which is what our mocks use) or only what Gong documents (`gong`).
   */
  rules?: "spec" | "gong";
}

export interface ReferenceServer {
  url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts the conforming server (optionally with a fault, or lenient) on a free port of 127.0.0.1. */
export async function startReferenceServer(
  model: ContractModel,
  options: ReferenceServerOptions = {},
): Promise<ReferenceServer> {
  const received: ReceivedRequest[] = [];
  const bodyIsValid = (operation: OperationSpec, body: unknown) =>
    options.rules === "gong"
      ? documentedAccepts(model, operation, body)
      : validateRequestBody(operation.operationId as OperationName, body).length === 0;
  // Parameters arrive as text, read back by their schemas' types (as a server framework does).
  const parametersAreValid = (operation: OperationSpec, url: URL) =>
    (options.rules === "gong" ? model.documentedValidator : model.validator).isValid(
      model.requestSchemaPointer(operation),
      parametersOf(model, operation, url),
    );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const bodyText = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request = judge(model, req.method ?? "GET", url, req.headers, bodyText, {
        body: bodyIsValid,
        parameters: parametersAreValid,
      });
      received.push(request);
      const documented = (status: number) => documentedResponse(model, request, status);
      let response: ReferenceResponse;
      if (!request.operation)
        response = { status: 404, headers: { "content-type": "application/json" }, bodyText: "{}" };
      else if (request.verdict === "unauthenticated") response = documented(401);
      else if (request.verdict === "invalid") response = documented(400);
      else response = documented(forcedStatus(req.headers["prefer"]) ?? 200);
      if (options.fault) response = options.fault(response, request, documented);
      res.writeHead(response.status, response.headers);
      res.end(response.bodyText);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function judge(
  model: ContractModel,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  bodyText: string,
  isValid: {
    body: (operation: OperationSpec, body: unknown) => boolean;
    parameters: (operation: OperationSpec, url: URL) => boolean;
  },
): ReceivedRequest {
  const operation = model.operations.find((o) => o.method === method && templatePattern(o.path).test(url.pathname));
  const base = { operation, headers, bodyText, body: undefined as unknown };
  if (!operation) return { ...base, verdict: "unknown-route" };
  // Gong takes Basic (access key and secret) or Bearer (OAuth token); this server checks the form only.
  if (!/^(Basic|Bearer) \S+$/.test(headers.authorization ?? "")) return { ...base, verdict: "unauthenticated" };
  if (model.inputKind(operation) === "parameters")
    return { ...base, verdict: isValid.parameters(operation, url) ? "ok" : "invalid" };
  if (!isJsonMediaType(headers["content-type"] ?? "")) return { ...base, verdict: "invalid" };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ...base, verdict: "invalid" };
  }
  return { ...base, body, verdict: isValid.body(operation, body) ? "ok" : "invalid" };
}

/** The query and path parameters of a request, as the server reads them. */
function parametersOf(model: ContractModel, operation: OperationSpec, url: URL): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  Object.assign(values, pathValues(operation.path, url.pathname));
  return asText(model, model.parameters(operation), values) as Record<string, unknown>;
}

function forcedStatus(prefer: string | string[] | undefined): number | undefined {
  const match = /\bcode=(\d{3})\b/.exec([prefer ?? ""].flat().join(","));
  return match ? Number(match[1]) : undefined;
}

/** The conforming answer of a status: the spec's example body and a valid value for each header. */
function documentedResponse(model: ContractModel, request: ReceivedRequest, status: number): ReferenceResponse {
  const operation = request.operation!;
  // "A 200" means the operation's success: a 202 for an operation that documents that instead.
  if (status === 200 && !operation.responses.some((r) => r.status === "200"))
    status = Number(operation.responses.find((r) => /^2\d\d$/.test(r.status))?.status ?? 200);
  const response = responseFor(operation, status);
  if (!response) throw new Error(`reference server: ${operation.operationId} documents no ${status}`);
  const headers: Record<string, string> = {};
  for (const header of response.headers) {
    if (!header.schemaPointer) continue;
    const schema = effectiveSchema(model.spec, header.schemaPointer);
    headers[header.name] = String(schema.examples[0] ?? sampleValue(model.spec, header.schemaPointer));
  }
  const media = jsonMediaType(response.content);
  if (!media) return { status, headers, bodyText: "" };
  headers["content-type"] = media.mediaType;
  let body =
    valueAt(model.spec, appendPointer(media.pointer, "example")) ??
    (media.schemaPointer ? sampleValue(model.spec, media.schemaPointer) : {});
  // Unassigning by instance id answers with the ids it removed: here, every one that was asked for.
  if (status === 200 && operation.operationId === "unassignFlowsByFlowInstanceIds") {
    const asked = (request.body as { flowInstanceIds?: unknown } | undefined)?.flowInstanceIds;
    body = { ...(body as object), unassignedFlowInstanceIds: Array.isArray(asked) ? asked : [] };
  }
  // Assigning answers about the prospects asked for: each assigned, as the example's first one is.
  if (status === 200 && operation.operationId === "assignProspects") {
    const asked = (request.body as { crmProspectsIds?: unknown } | undefined)?.crmProspectsIds;
    const [template] = (body as { prospectsAssigned: Record<string, unknown>[] }).prospectsAssigned;
    const ids = Array.isArray(asked) ? asked : [];
    body = {
      ...(body as object),
      prospectsAssigned: ids.map((crmProspectId) => ({ ...template, crmProspectId })),
      prospectsNotAssigned: [],
    };
  }
  return { status, headers, bodyText: JSON.stringify(body) };
}
