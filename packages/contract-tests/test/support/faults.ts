// The deliberate faults of the self-tests' wrong servers: each breaks exactly one promise of the
// contract in the reference server's otherwise conforming answers.
import type { Fault, ReceivedRequest, ReferenceResponse } from "./reference-server.js";

function withJsonBody(response: ReferenceResponse, edit: (body: Record<string, unknown>) => void): ReferenceResponse {
  const body = JSON.parse(response.bodyText) as Record<string, unknown>;
  edit(body);
  return { ...response, bodyText: JSON.stringify(body) };
}

function withoutHeader(response: ReferenceResponse, name: string): ReferenceResponse {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
  );
  return { ...response, headers };
}

function firstFlow(body: Record<string, unknown>): Record<string, unknown> {
  return (body["prospectsAssigned"] as Record<string, unknown>[])[0]!;
}

function isListSuccess(response: ReferenceResponse, request: ReceivedRequest): boolean {
  return response.status === 200 && request.operation?.operationId === "listAssignedFlows";
}

/** Rewrites the 2xx answers of one operation only. */
function onSuccessOf(operationId: string, edit: (body: Record<string, unknown>) => void): Fault {
  return (response, request) =>
    response.status >= 200 && response.status < 300 && request.operation?.operationId === operationId
      ? withJsonBody(response, edit)
      : response;
}

export const faults = {
  /** Answers 201, which no operation documents, instead of 200. */
  undocumentedStatus: ((response) =>
    response.status === 200 ? { ...response, status: 201 } : response) satisfies Fault,

  /** Lists a flow instance whose status is outside the documented enum. */
  statusOutsideEnum: ((response, request) =>
    isListSuccess(response, request)
      ? withJsonBody(response, (body) => (firstFlow(body)["flowInstanceStatus"] = "Stopped"))
      : response) satisfies Fault,

  /** Lists a flow instance whose `exclusive` is a string, not a boolean. */
  wrongType: ((response, request) =>
    isListSuccess(response, request)
      ? withJsonBody(response, (body) => (firstFlow(body)["exclusive"] = "yes"))
      : response) satisfies Fault,

  /** Lists a flow whose `exclusive` is a string (`GET /v2/flows`). */
  flowWrongType: onSuccessOf("listFlows", (body) => {
    (body["flows"] as Record<string, unknown>[])[0]!["exclusive"] = "yes";
  }),

  /** Answers a bulk assignment whose status is outside the documented enum. */
  bulkStatusOutsideEnum: onSuccessOf("getBulkAssignment", (body) => {
    body["status"] = "DONE";
  }),

  /** Answers a flow's steps with a step order that is text, not an integer (`POST /v2/flows/steps`). */
  stepOrderWrongType: onSuccessOf("getFlowSteps", (body) => {
    const flow = (body["flows"] as Record<string, unknown>[])[0]!;
    (flow["steps"] as Record<string, unknown>[])[0]!["stepOrder"] = "first";
  }),

  /** Answers a submitted bulk assignment with 200 where the spec documents 202. */
  submittedWith200: ((response, request) =>
    response.status === 202 && request.operation?.operationId === "submitBulkAssignment"
      ? { ...response, status: 200 }
      : response) satisfies Fault,

  /** Answers 429 without the required Retry-After header. */
  retryAfterMissing: ((response) =>
    response.status === 429 ? withoutHeader(response, "Retry-After") : response) satisfies Fault,

  /** Answers 429 with a Retry-After that is not an integer number of seconds. */
  retryAfterNotInteger: ((response) =>
    response.status === 429
      ? { ...response, headers: { ...withoutHeader(response, "Retry-After").headers, "Retry-After": "soon" } }
      : response) satisfies Fault,

  /** Answers JSON labelled as text/plain. */
  wrongContentType: ((response) => ({
    ...response,
    headers: { ...response.headers, "content-type": "text/plain" },
  })) satisfies Fault,

  /** Accepts requests whose body, JSON or content type is invalid: a 2xx for a malformed body. */
  acceptsInvalidRequests: ((response, request, documented) =>
    request.verdict === "invalid" ? documented(200) : response) satisfies Fault,

  /** Accepts requests without credentials (or of a wrong scheme): a 2xx without credentials. */
  acceptsMissingCredentials: ((response, request, documented) =>
    request.verdict === "unauthenticated" ? documented(200) : response) satisfies Fault,

  /** Fails on invalid requests with a 500 instead of refusing them with a 4xx. */
  serverErrorOnInvalidRequests: ((response, request, documented) =>
    request.verdict === "invalid" ? documented(500) : response) satisfies Fault,

  /** Answers with a text that quotes the request's Authorization header (a server leaking it back). */
  echoesAuthorization: ((response, request) => ({
    ...response,
    bodyText: `not JSON; you sent Authorization: ${request.headers.authorization ?? "nothing"}`,
  })) satisfies Fault,
};
