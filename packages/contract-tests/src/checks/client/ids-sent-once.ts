import { isDeepStrictEqual } from "node:util";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { parseJson, type RecordedExchange } from "../../http/exchange.js";
import type { Violation } from "../../report/violation.js";

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
