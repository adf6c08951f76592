import { bodyMutations } from "./body-mutations.js";
import type { ContractModel } from "./contract-model.js";
import { jsonRequest, type OutgoingRequest } from "./exchange.js";
import { sampleValue } from "./request-sample.js";
import type { OperationSpec } from "./spec-operations.js";
import type { ContractTarget } from "./target.js";

/** A request the server must refuse, and how. */
export interface NegativeCase {
  operation: OperationSpec;
  /** What is wrong with the request, for reports: `missing required property /crmProspectsIds`. */
  name: string;
  /** Which part of the request is wrong. */
  kind: "body" | "malformed-json" | "content-type" | "no-credentials" | "wrong-scheme";
  /** `4xx`: any client error; `401`: exactly 401 (credentials missing or of the wrong scheme). */
  expect: "4xx" | "401";
  /** The body value the request carries, when it is JSON at all (for checking the case itself). */
  body: unknown;
  /** Builds the request for a target (its credentials, unless the case is about them). */
  request(target: ContractTarget): OutgoingRequest;
}

/**
 * Every negative case of an operation, derived from the spec: each way to break the request schema
 * (see {@link bodyMutations}) applied to a complete valid body of made-up ids, plus malformed JSON, a
 * wrong content type, no credentials, and credentials of a scheme the spec does not name.
 */
export function negativeCases(model: ContractModel, operation: OperationSpec): NegativeCase[] {
  const schemaAt = model.requestSchemaPointer(operation);
  const valid = sampleValue(model.spec, schemaAt);
  const validText = JSON.stringify(valid);
  const cases: NegativeCase[] = bodyMutations(model.spec, schemaAt).map((mutation) => {
    const body = mutation.apply(valid);
    return { operation, kind: "body", name: mutation.name, expect: "4xx", body, request: (target) => jsonRequest(target, body) };
  });
  cases.push(
    {
      operation,
      kind: "malformed-json",
      name: "malformed JSON (the valid body cut short)",
      expect: "4xx",
      body: undefined,
      request: (target) => jsonRequest(target, validText.slice(0, -1)),
    },
    {
      operation,
      kind: "content-type",
      name: "a wrong content type (text/plain) on a valid JSON body",
      expect: "4xx",
      body: valid,
      request: (target) => jsonRequest(target, validText, { contentType: "text/plain" }),
    },
    {
      operation,
      kind: "no-credentials",
      name: "no credentials (no Authorization header)",
      expect: "401",
      body: valid,
      request: (target) => jsonRequest(target, valid, { authorization: null }),
    },
    {
      operation,
      kind: "wrong-scheme",
      // Made-up credentials: the case is about the scheme, and must never carry a real secret.
      name: "credentials of a scheme the spec does not name (Authorization: Token …)",
      expect: "401",
      body: valid,
      request: (target) => jsonRequest(target, valid, { authorization: "Token contract-test-not-a-credential" }),
    },
  );
  return cases;
}
