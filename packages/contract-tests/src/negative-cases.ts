import { bodyMutations } from "./body-mutations.js";
import type { ContractModel } from "./contract-model.js";
import { clientError, exactly, type StatusExpectation } from "./exchange-check.js";
import { jsonRequest, type OutgoingRequest } from "./exchange.js";
import { sampleValue } from "./request-sample.js";
import type { OperationSpec } from "./spec-operations.js";
import type { ContractTarget } from "./target.js";

/** A request the server must refuse, and how. */
export interface NegativeCase {
  /** What is wrong with the request, for reports: `missing required property /crmProspectsIds`. */
  name: string;
  /** Which part of the request is wrong. */
  kind: "body" | "malformed-json" | "content-type" | "no-credentials" | "wrong-scheme";
  /** Any client error (4xx), or exactly 401 when the credentials are missing or of the wrong scheme. */
  expectation: StatusExpectation;
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
  const unauthenticated = exactly(401);
  const cases: NegativeCase[] = bodyMutations(model.spec, schemaAt).map((mutation) => {
    const body = mutation.apply(valid);
    return { kind: "body", name: mutation.name, expectation: clientError, request: (target) => jsonRequest(target, body) };
  });
  cases.push(
    {
      kind: "malformed-json",
      name: "malformed JSON (the valid body cut short)",
      expectation: clientError,
      request: (target) => jsonRequest(target, validText.slice(0, -1)),
    },
    {
      kind: "content-type",
      name: "a wrong content type (text/plain) on a valid JSON body",
      expectation: clientError,
      request: (target) => jsonRequest(target, validText, { contentType: "text/plain" }),
    },
    {
      kind: "no-credentials",
      name: "no credentials (no Authorization header)",
      expectation: unauthenticated,
      request: (target) => jsonRequest(target, valid, { authorization: null }),
    },
    {
      kind: "wrong-scheme",
      // Made-up credentials: the case is about the scheme, and must never carry a real secret.
      name: "credentials of a scheme the spec does not name (Authorization: Token …)",
      expectation: unauthenticated,
      request: (target) => jsonRequest(target, valid, { authorization: "Token contract-test-not-a-credential" }),
    },
  );
  return cases;
}
