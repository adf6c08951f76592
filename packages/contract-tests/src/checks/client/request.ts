import { parseJson, type RecordedExchange } from "../../http/exchange.js";
import { describeValue } from "../../report/describe-value.js";
import { redactFindings, type Violation } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { jsonMediaType, mediaTypeEssence, type OperationSpec } from "@gong-flows/spec-reader";
import { pathValues, templatePattern } from "../../http/path-template.js";
import { asText } from "../../requests/input-mutations.js";
import type { ContractModel } from "../../spec/model.js";

/**
 * Holds one request the client sent to the spec: the method and path of the operation, a JSON
 * content type, the `Authorization` header the target's credentials call for, and a body that
 * validates against the request schema, or parameters (query and path) that validate against theirs.
 * The credentials never appear in a violation.
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
  const expectedUrl = new URL(target.baseUrl);
  const basePath = expectedUrl.pathname.replace(/\/+$/, "");
  const expectedPath = `${basePath}${operation.path}`;
  if (!templatePattern(expectedPath).test(recorded.url.pathname))
    add("/request/path", expectedPath, recorded.url.pathname);
  if (recorded.url.origin !== expectedUrl.origin) add("/request/origin", expectedUrl.origin, recorded.url.origin);

  const contentType = recorded.headers.get("content-type");
  const documented = operation.requestBody?.content.map((m) => m.mediaType) ?? [];
  const contentTypeHolds =
    documented.length === 0 || documented.some((m) => mediaTypeEssence(m) === mediaTypeEssence(contentType ?? ""));
  if (!contentTypeHolds)
    add("/request/headers/content-type", documented.join(" or "), describeValue(contentType ?? undefined));
  if (model.inputKind(operation) === "parameters") {
    const sent = parametersSent(model, operation, recorded.url, expectedPath);
    for (const issue of model.validator.issues(model.requestSchemaPointer(operation), sent))
      add(`/request/parameters${issue.pointer}`, issue.expected, issue.actual);
    const known = new Set(model.parameters(operation).map((p) => p.name));
    for (const name of Object.keys(sent as object).filter((n) => !known.has(n)))
      add(`/request/parameters/${name}`, "only the parameters the spec documents", "present");
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

/**
 * The parameters a request carries, as the server reads them: each query parameter (a repeated one
 * as a list) and each path template's segment, decoded and read back by its schema's type.
 */
function parametersSent(model: ContractModel, operation: OperationSpec, url: URL, template: string): unknown {
  const values: Record<string, unknown> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(name);
    values[name] = all.length === 1 ? all[0] : all;
  }
  Object.assign(values, pathValues(template, url.pathname));
  return asText(model, model.parameters(operation), values);
}
