import { parseJson, type RecordedExchange } from "../../http/exchange.js";
import { describeValue } from "../../report/describe-value.js";
import { redactFindings, type Violation } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { jsonMediaType, mediaTypeEssence, type OperationSpec } from "@gong-flows/spec-reader";

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
