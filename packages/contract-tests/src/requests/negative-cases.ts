import { jsonRequest, type RequestShape } from "../http/exchange.js";
import type { Decision } from "../spec/decisions.js";
import type { ContractModel } from "../spec/model.js";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { bodyMutations } from "./mutations.js";
import { sampleValue } from "./sample.js";

/** A request the server must refuse, and how. */
export interface NegativeCase {
  /** What is wrong with the request, for reports: `missing required property /crmProspectsIds`. */
  name: string;
  /** Which part of the request is wrong. */
  kind: "body" | "malformed-json" | "content-type" | "no-credentials" | "wrong-scheme";
  /** How the server must refuse it: any client error (4xx), or exactly 401 without valid credentials. */
  refusal: "4xx" | "401";
  /**
   * The project's decision the request breaks, when it breaks nothing Gong documents (an empty id, an
   * unknown property, an empty list, a malformed email): a live server that accepts it is reported,
   * not failed, unless the run is strict. Undefined when Gong's own rules refuse the request.
   */
  decision: Decision | undefined;
  /** How the request differs from a valid one. */
  shape: RequestShape;
}

/**
 * Every negative case of an operation, derived from the spec: each way to break the request schema
 * (see {@link bodyMutations}) applied to a complete valid body of made-up ids, plus malformed JSON, a
 * wrong content type, no credentials, and credentials of a scheme the spec does not name.
 */
export function negativeCases(model: ContractModel, operation: OperationSpec): NegativeCase[] {
  const valid = sampleValue(model.spec, model.requestSchemaPointer(operation));
  const validText = JSON.stringify(valid);
  const cases: NegativeCase[] = bodyMutations(model.spec, model.requestSchemaPointer(operation)).map((mutation) => ({
    kind: "body",
    name: mutation.name,
    refusal: "4xx",
    decision: mutation.decision,
    shape: jsonRequest(mutation.apply(valid)),
  }));
  cases.push(
    {
      kind: "malformed-json",
      name: "malformed JSON (the valid body cut short)",
      refusal: "4xx",
      decision: undefined,
      shape: jsonRequest(validText.slice(0, -1)),
    },
    {
      kind: "content-type",
      name: "a wrong content type (text/plain) on a valid JSON body",
      refusal: "4xx",
      decision: undefined,
      shape: jsonRequest(validText, { contentType: "text/plain" }),
    },
    {
      kind: "no-credentials",
      name: "no credentials (no Authorization header)",
      refusal: "401",
      decision: undefined,
      shape: jsonRequest(valid, { authorization: null }),
    },
    {
      kind: "wrong-scheme",
      // Made-up credentials: the case is about the scheme, and must never carry a real secret.
      name: "credentials of a scheme the spec does not name (Authorization: Token …)",
      refusal: "401",
      decision: undefined,
      shape: jsonRequest(valid, { authorization: "Token contract-test-not-a-credential" }),
    },
  );
  return cases;
}
