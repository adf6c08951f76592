import { isDeepStrictEqual } from "node:util";
import { GongResponseValidationError } from "@gong-flows/client";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { parseJson, type RecordedExchange } from "../../http/exchange.js";
import type { Outcome } from "../../http/transport.js";
import type { OperationContract } from "../../operations/operation.js";
import { describeValue } from "../../report/describe-value.js";
import type { Violation } from "../../report/violation.js";
import { describeError } from "./describe-error.js";

/** What a paged call ended with: the pages read, and how the reading ended. */
export interface PagedCall {
  pages: unknown[];
  outcome: Outcome<unknown>;
  /** True when the reader stopped of its own accord (enough pages read), not the pager. */
  stoppedEarly: boolean;
}

const cursorOf = (exchange: RecordedExchange | undefined) =>
  (parseJson(exchange?.response?.bodyText) as { records?: { cursor?: unknown } } | undefined)?.records?.cursor;
const queryOf = (exchange: RecordedExchange) => Object.fromEntries(exchange.url.searchParams);

/**
 * Holds a pager to its answers: the first request carries no cursor, each next one the cursor of the
 * answer before and the same other parameters; it stops at an answer without a cursor; each page is
 * the one its answer documents; an answer that repeats an earlier cursor is refused with a
 * `GongResponseValidationError` (following it would never end) and nothing is sent after it.
 */
export function checkPaging(
  operation: OperationSpec,
  contract: OperationContract,
  exchanges: readonly RecordedExchange[],
  call: PagedCall,
  check: string,
): Violation[] {
  const violations: Violation[] = [];
  const add = (where: string, expected: string, actual: string, status?: number) =>
    violations.push({ operation: operation.operationId, status, where, expected, actual, check });
  const [first] = exchanges;
  if (!first)
    return [
      {
        operation: operation.operationId,
        status: undefined,
        where: "/request",
        expected: "a request",
        actual: "none",
        check,
      },
    ];
  if (first.url.searchParams.has("cursor")) add("/request/0/parameters/cursor", "absent on the first page", "present");
  const seen = new Set<unknown>();
  for (const [i, exchange] of exchanges.entries()) {
    if (i > 0) {
      const expected = { ...queryOf(first), cursor: cursorOf(exchanges[i - 1]) };
      if (!isDeepStrictEqual(queryOf(exchange), expected))
        add(`/request/${i}/parameters`, describeValue(expected), describeValue(queryOf(exchange)));
    }
    const cursor = cursorOf(exchange);
    const repeated = cursor !== undefined && seen.has(cursor);
    seen.add(cursor);
    const last = i === exchanges.length - 1;
    if (!last && (cursor === undefined || repeated))
      add(
        `/request/${i + 1}`,
        "no request after an answer without a new cursor",
        "a request",
        exchange.response?.status,
      );
    if (repeated && last) {
      if (!(call.outcome.kind === "error" && call.outcome.error instanceof GongResponseValidationError)) {
        const actual = call.outcome.kind === "error" ? describeError(call.outcome.error) : "the pages read on";
        add(
          "/error",
          "GongResponseValidationError (the answer repeats an earlier cursor)",
          actual,
          exchange.response?.status,
        );
      }
      return violations;
    }
    const page = call.pages[i];
    const expectedPage = contract.expectedResult([exchange]);
    if (
      page !== undefined &&
      !isDeepStrictEqual(JSON.parse(JSON.stringify(page)), JSON.parse(JSON.stringify(expectedPage)))
    )
      add(`/result/pages/${i}`, describeValue(expectedPage), describeValue(page), exchange.response?.status);
  }
  if (call.outcome.kind === "error") add("/result", "the pages", `threw ${describeError(call.outcome.error)}`);
  else if (!call.stoppedEarly && cursorOf(exchanges[exchanges.length - 1]) !== undefined)
    add("/result", "pages until an answer without a cursor", `the pager stopped after ${exchanges.length}`);
  return violations;
}
