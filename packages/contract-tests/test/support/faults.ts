// The deliberate faults of the self-tests' wrong servers: each breaks exactly one promise of the
// contract in the reference server's otherwise conforming answers.
import type { Fault, ReceivedRequest, ServerAnswer } from "./reference-server.js";

function withJsonBody(answer: ServerAnswer, edit: (body: Record<string, unknown>) => void): ServerAnswer {
  const body = JSON.parse(answer.bodyText) as Record<string, unknown>;
  edit(body);
  return { ...answer, bodyText: JSON.stringify(body) };
}

function withoutHeader(answer: ServerAnswer, name: string): ServerAnswer {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
  );
  return { ...answer, headers };
}

function firstFlow(body: Record<string, unknown>): Record<string, unknown> {
  return (body["prospectsAssigned"] as Record<string, unknown>[])[0]!;
}

function isListSuccess(answer: ServerAnswer, request: ReceivedRequest): boolean {
  return answer.status === 200 && request.operation?.operationId === "listAssignedFlows";
}

export const faults = {
  /** Answers 201, which no operation documents, instead of 200. */
  undocumentedStatus: ((answer) => (answer.status === 200 ? { ...answer, status: 201 } : answer)) satisfies Fault,

  /** Lists a flow instance whose status is outside the documented enum. */
  statusOutsideEnum: ((answer, request) =>
    isListSuccess(answer, request)
      ? withJsonBody(answer, (body) => (firstFlow(body)["flowInstanceStatus"] = "Stopped"))
      : answer) satisfies Fault,

  /** Lists a flow instance whose `exclusive` is a string, not a boolean. */
  wrongType: ((answer, request) =>
    isListSuccess(answer, request)
      ? withJsonBody(answer, (body) => (firstFlow(body)["exclusive"] = "yes"))
      : answer) satisfies Fault,

  /** Answers 429 without the required Retry-After header. */
  retryAfterMissing: ((answer) =>
    answer.status === 429 ? withoutHeader(answer, "Retry-After") : answer) satisfies Fault,

  /** Answers 429 with a Retry-After that is not an integer number of seconds. */
  retryAfterNotInteger: ((answer) =>
    answer.status === 429
      ? { ...answer, headers: { ...withoutHeader(answer, "Retry-After").headers, "Retry-After": "soon" } }
      : answer) satisfies Fault,

  /** Answers JSON labelled as text/plain. */
  wrongContentType: ((answer) => ({
    ...answer,
    headers: { ...answer.headers, "content-type": "text/plain" },
  })) satisfies Fault,

  /** Accepts requests whose body, JSON or content type is invalid: a 2xx for a malformed body. */
  acceptsInvalidRequests: ((answer, request, documented) =>
    request.verdict === "invalid" ? documented(200) : answer) satisfies Fault,

  /** Accepts requests without credentials (or of a wrong scheme): a 2xx without credentials. */
  acceptsMissingCredentials: ((answer, request, documented) =>
    request.verdict === "unauthenticated" ? documented(200) : answer) satisfies Fault,

  /** Fails on invalid requests with a 500 instead of refusing them with a 4xx. */
  serverErrorOnInvalidRequests: ((answer, request, documented) =>
    request.verdict === "invalid" ? documented(500) : answer) satisfies Fault,

  /** Answers with a text that quotes the request's Authorization header (a server leaking it back). */
  echoesAuthorization: ((answer, request) => ({
    ...answer,
    bodyText: `not JSON; you sent Authorization: ${request.headers.authorization ?? "nothing"}`,
  })) satisfies Fault,
};
