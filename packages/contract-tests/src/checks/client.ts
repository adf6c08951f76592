import { isDeepStrictEqual } from "node:util";
import {
  GongApiError,
  GongAuthenticationError,
  GongBadRequestError,
  GongPermissionError,
  GongRateLimitError,
  GongServerError,
  GongValidationError,
} from "@gong-flows/client";
import type { RecordedExchange } from "../http/exchange.js";
import type { Outcome } from "../http/transport.js";
import { describeValue } from "../report/describe-value.js";
import { redactFindings, type Violation } from "../report/violation.js";
import type { ContractContext } from "../run/context.js";
import { jsonMediaType, mediaTypeEssence, type OperationSpec } from "@gong-flows/spec-reader";

export { clientMethods } from "./client-methods.js";

/** What a client call ended with. */
export type ClientOutcome = Outcome<unknown>;

/**
 * Holds one request the client sent to the spec: the method and path of the operation, a JSON
 * content type, the `Authorization` header the target's credentials call for, and a body that
 * validates against the request schema. The credentials never appear in a violation.
 */
export function checkClientRequest(
  ctx: ContractContext,
  operation: OperationSpec,
  recorded: RecordedExchange,
  check: string,
): Violation[] {
  const { model, target } = ctx;
  const violations: Violation[] = [];
  const add = (where: string, expected: string, actual: string) =>
    violations.push({
      operation: operation.operationId,
      status: recorded.response?.status,
      where,
      expected,
      actual,
      check,
    });

  if (recorded.method !== operation.method) add("/request/method", operation.method, recorded.method);
  // The URL an operation has on the target: its base URL (path included) followed by the spec's path.
  const expectedUrl = new URL(`${target.baseUrl}${operation.path}`);
  if (recorded.url.pathname !== expectedUrl.pathname) add("/request/path", expectedUrl.pathname, recorded.url.pathname);
  if (recorded.url.origin !== expectedUrl.origin) add("/request/origin", expectedUrl.origin, recorded.url.origin);

  const contentType = recorded.headers.get("content-type");
  const documented = operation.requestBody?.content.map((m) => m.mediaType) ?? [];
  if (!contentType || !documented.some((m) => mediaTypeEssence(m) === mediaTypeEssence(contentType))) {
    add("/request/headers/content-type", documented.join(" or ") || "none", describeValue(contentType ?? undefined));
  }

  const authorization = recorded.headers.get("authorization");
  if (authorization !== target.authorization()) {
    const scheme = authorization?.split(" ")[0];
    add(
      "/request/headers/authorization",
      `${target.scheme} with the configured credentials (value not shown)`,
      authorization === null ? "absent" : `${scheme ?? "?"} with a different value (not shown)`,
    );
  }

  const media = operation.requestBody && jsonMediaType(operation.requestBody.content);
  if (media?.schemaPointer) {
    const body = parseJson(recorded.bodyText);
    if (body === undefined) {
      add("/request/body", "a JSON document", `not JSON: ${describeValue(recorded.bodyText)}`);
    } else {
      for (const issue of model.validator.issues(media.schemaPointer, body))
        add(`/request/body${issue.pointer}`, issue.expected, issue.actual);
    }
  }
  return redactFindings(violations, (t) => target.redact(t));
}

/** The error class the client documents for each HTTP status it surfaces. */
function expectedErrorClass(status: number): { name: string; matches(error: unknown): boolean } {
  const classes: [number | ((s: number) => boolean), string, abstract new (...args: never[]) => unknown][] = [
    [400, "GongBadRequestError", GongBadRequestError],
    [401, "GongAuthenticationError", GongAuthenticationError],
    [403, "GongPermissionError", GongPermissionError],
    [429, "GongRateLimitError", GongRateLimitError],
    [(s) => s >= 500 && s < 600, "GongServerError", GongServerError],
  ];
  for (const [when, name, ctor] of classes) {
    if (typeof when === "number" ? when === status : when(status)) return { name, matches: (e) => e instanceof ctor };
  }
  return { name: "GongApiError", matches: (e) => e instanceof GongApiError };
}

/**
 * Holds what a client call returned to what the server answered: after a 2xx, the typed result
 * carries exactly what the answers said (every flow, every request id, each id sent counted as
 * unassigned or not); after an error status, the matching error class with the status, Gong's
 * `requestId` and, for a 429, the wait the `Retry-After` header asked for.
 */
export function checkClientOutcome(
  operation: OperationSpec,
  exchanges: readonly RecordedExchange[],
  outcome: ClientOutcome,
  check: string,
): Violation[] {
  const answered = exchanges.filter((e) => e.response !== undefined);
  const last = answered[answered.length - 1]?.response;
  const violation = (where: string, expected: string, actual: string): Violation => ({
    operation: operation.operationId,
    status: last?.status,
    where,
    expected,
    actual,
    check,
  });
  if (!last)
    return [
      violation("/request", "at least one request with an answer", `${exchanges.length} requests, none answered`),
    ];

  if (last.status >= 200 && last.status < 300) {
    if (outcome.kind === "error") return [violation("/result", "a result", `threw ${describeError(outcome.error)}`)];
    const expected = expectedResult(operation.operationId, answered);
    if (!isDeepStrictEqual(normalized(outcome.value), normalized(expected))) {
      return [violation("/result", describeValue(expected), describeValue(outcome.value))];
    }
    return [];
  }

  const expectedClass = expectedErrorClass(last.status);
  if (outcome.kind === "result")
    return [violation("/error", `${expectedClass.name} thrown`, `a result: ${describeValue(outcome.value)}`)];
  const error = outcome.error;
  const violations: Violation[] = [];
  if (!expectedClass.matches(error)) violations.push(violation("/error", expectedClass.name, describeError(error)));
  if (!(error instanceof GongApiError)) return violations;
  const body = parseJson(last.bodyText) as { requestId?: unknown } | undefined;
  if (error.status !== last.status)
    violations.push(violation("/error/status", String(last.status), String(error.status)));
  const requestId = typeof body?.requestId === "string" ? body.requestId : undefined;
  if (error.requestId !== requestId)
    violations.push(violation("/error/requestId", describeValue(requestId), describeValue(error.requestId)));
  if (error.operation !== operation.operationId) {
    violations.push(
      violation("/error/operation", describeValue(operation.operationId), describeValue(error.operation)),
    );
  }
  if (error instanceof GongRateLimitError) {
    const header = last.headers.get("retry-after");
    const expectedMs = header !== null && /^\d+$/.test(header.trim()) ? Number(header) * 1000 : undefined;
    if (expectedMs !== undefined && error.retryAfterMs !== expectedMs) {
      violations.push(violation("/error/retryAfterMs", String(expectedMs), describeValue(error.retryAfterMs)));
    }
  }
  return violations;
}

/** The result the client documents for these answers, computed from what was sent and answered. */
function expectedResult(operationId: string, answered: readonly RecordedExchange[]): unknown {
  const bodies = answered.map((e) => (parseJson(e.response?.bodyText ?? "") ?? {}) as Record<string, unknown>);
  const requestIds = bodies.map((b) => b["requestId"]).filter((id): id is string => typeof id === "string");
  switch (operationId) {
    case "listAssignedFlows":
      return {
        flows: bodies.flatMap((b) => (Array.isArray(b["prospectsAssigned"]) ? b["prospectsAssigned"] : [])),
        requestIds,
      };
    case "unassignFlowsByCrmProspectId": {
      const ids = bodies[0]?.["unassignedFlowInstanceIds"];
      return {
        unassignedFlowInstanceIds: Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [],
        requestId: requestIds[0],
      };
    }
    case "unassignFlowsByFlowInstanceIds": {
      const unassigned: string[] = [];
      const notUnassigned: string[] = [];
      answered.forEach((exchange, i) => {
        const sent =
          (parseJson(exchange.bodyText) as { flowInstanceIds?: string[] } | undefined)?.flowInstanceIds ?? [];
        const returnedIds = bodies[i]?.["unassignedFlowInstanceIds"];
        const returned = new Set(Array.isArray(returnedIds) ? returnedIds : []);
        for (const id of sent) (returned.has(id) ? unassigned : notUnassigned).push(id);
      });
      // Each request is sent once (no retries here), so no attempt's outcome is unknown: none unconfirmed.
      return {
        unassignedFlowInstanceIds: unassigned,
        notUnassignedFlowInstanceIds: notUnassigned,
        unconfirmedFlowInstanceIds: [],
        requestIds,
      };
    }
    default:
      throw new Error(`no expected result for ${operationId}: add it to expectedResult in src/checks/client.ts`);
  }
}

/**
 * Order-insensitive form of a result: batched requests may be answered in any order, and the
 * contract is about which values come back, not in which order the chunks finished.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(normalized).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalized(v)]),
    );
  }
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return describeValue(error);
}

/**
 * Holds a batched call to "never lose track of an id": across the requests sent, every distinct
 * string of each id list in the input goes out exactly once, and nothing else does.
 */
export function checkIdsSentOnce(
  operation: OperationSpec,
  input: unknown,
  exchanges: readonly RecordedExchange[],
  check: string,
): Violation[] {
  if (input === null || typeof input !== "object") return [];
  const violations: Violation[] = [];
  const bodies = exchanges.map((e) => parseJson(e.bodyText) as Record<string, unknown> | undefined);
  for (const [property, value] of Object.entries(input)) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) continue;
    const sent = bodies.flatMap((b) => (Array.isArray(b?.[property]) ? (b[property] as unknown[]) : []));
    const expected = [...new Set(value)].sort();
    const actual = [...sent].map(String).sort();
    if (!isDeepStrictEqual(actual, expected)) {
      violations.push({
        operation: operation.operationId,
        status: undefined,
        where: `/request/body/${property}`,
        expected: `each of the ${expected.length} distinct ids given, sent once across ${exchanges.length} request(s)`,
        actual: `${actual.length} ids sent, ${new Set(actual).size} distinct, ${expected.filter((id) => !actual.includes(id)).length} of those given missing`,
        check,
      });
    }
  }
  return violations;
}

/**
 * Request-schema constraints the client documents as its own business rather than the caller's: an
 * input that breaks them is valid for the client, which handles it before sending.
 */
export const clientHandledConstraints: readonly { operationId: string; keyword: string; why: string }[] = [
  {
    operationId: "unassignFlowsByFlowInstanceIds",
    keyword: "maxItems",
    why: "unassignByFlowInstanceIds takes any number of ids and sends them in requests of at most 200",
  },
];

/**
 * Holds the client's answer to an invalid input: a `GongValidationError` whose issues point at the
 * broken value, and not a single request sent.
 */
export function checkRefusedInput(
  operation: OperationSpec,
  brokenAt: string,
  outcome: ClientOutcome,
  exchanges: readonly RecordedExchange[],
  check: string,
): Violation[] {
  const violations: Violation[] = [];
  const add = (where: string, expected: string, actual: string) =>
    violations.push({ operation: operation.operationId, status: undefined, where, expected, actual, check });
  if (exchanges.length > 0) add("/request", "no request sent", `${exchanges.length} request(s) sent`);
  if (outcome.kind === "result") {
    add("/error", "GongValidationError thrown", `a result: ${describeValue(outcome.value)}`);
    return violations;
  }
  const error = outcome.error;
  if (!(error instanceof GongValidationError)) {
    add("/error", "GongValidationError", describeError(error));
    return violations;
  }
  const paths = error.issues.map((issue) => issue.path);
  if (!paths.includes(brokenAt))
    add("/error/issues", `an issue at ${brokenAt || '"" (the body)'}`, describeValue(paths));
  return violations;
}
