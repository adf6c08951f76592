import { jsonMediaType, type OperationSpec, resolveRef, tokensOf } from "@gong-flows/spec-reader";
import { jsonRequest, type RequestShape } from "../http/exchange.js";
import { decisionAt, type Decision } from "../spec/decisions.js";
import { effectiveSchema } from "../spec/effective-schema.js";
import { type ContractModel, documentedAccepts } from "../spec/model.js";
import { inputRequest } from "./input-request.js";
import { inputMutations } from "./input-mutations.js";
import { sampleValue } from "./sample.js";

/** A request the server must refuse, and how. */
export interface NegativeCase {
  /** What is wrong with the request, for reports: `missing required property /crmProspectsIds`. */
  name: string;
  /** Which part of the request is wrong. */
  kind: "body" | "parameters" | "malformed-json" | "content-type" | "no-credentials" | "wrong-scheme";
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
  /** Of a broken parameter: whether the spec requires it (undefined for any other case). */
  required?: boolean | undefined;
}

/**
 * Every negative case of an operation, derived from the spec: each way to break each form of its
 * input (see {@link inputMutations}) applied to a complete valid input of made-up ids, plus, for a
 * body, malformed JSON and a wrong content type; and for every operation no credentials, and
 * credentials of a scheme the spec does not name.
 */
export function negativeCases(model: ContractModel, operation: OperationSpec): NegativeCase[] {
  const forms = model.inputForms(operation);
  const kind = model.inputKind(operation);
  const cases: NegativeCase[] = forms.flatMap((form) => {
    const valid = sampleValue(model.spec, form);
    const formName = forms.length > 1 ? ` (${describeForm(model, form)})` : "";
    return inputMutations(model, operation, form, valid).map(
      (mutation): NegativeCase => ({
        kind,
        name: `${mutation.name}${formName}`,
        refusal: "4xx",
        decision: mutation.decision ?? formsDecision(model, operation, mutation.apply(valid)),
        shape: inputRequest(model, operation, mutation.apply(valid)),
        required: kind === "parameters" ? isRequiredParameter(model, operation, mutation.pointer) : undefined,
      }),
    );
  });
  const valid = sampleValue(model.spec, forms[0]!);
  if (kind === "body") cases.push(...bodyFormatCases(JSON.stringify(valid)));
  cases.push(
    {
      kind: "no-credentials",
      name: "no credentials (no Authorization header)",
      refusal: "401",
      decision: undefined,
      shape: inputRequest(model, operation, valid, { authorization: null }),
    },
    {
      kind: "wrong-scheme",
      // Made-up credentials: the case is about the scheme, and must never carry a real secret.
      name: "credentials of a scheme the spec does not name (Authorization: Token …)",
      refusal: "401",
      decision: undefined,
      shape: inputRequest(model, operation, valid, { authorization: "Token contract-test-not-a-credential" }),
    },
  );
  return cases;
}

/** Malformed JSON and a wrong content type, on a valid body. */
function bodyFormatCases(validText: string): NegativeCase[] {
  return [
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
  ];
}

/** A form of a body with several, for case names: `by flowInstanceIds` (what it requires). */
export function describeForm(model: ContractModel, form: string): string {
  const { required } = effectiveSchema(model.spec, form);
  return required.length > 0 ? `by ${required.join(" and ")}` : form;
}

/** Whether the parameter a pointer into the parameters names is a required one. */
function isRequiredParameter(model: ContractModel, operation: OperationSpec, at: string): boolean {
  const name = tokensOf(at)[0];
  return model.parameters(operation).some((parameter) => parameter.name === name && parameter.required);
}

/**
 * The decision a broken body of a form breaks when what Gong documents still accepts it (see
 * {@link documentedAccepts}): the one that makes the forms exclusive (the list's `oneOf`).
 */
function formsDecision(model: ContractModel, operation: OperationSpec, body: unknown): Decision | undefined {
  const media = operation.requestBody && jsonMediaType(operation.requestBody.content);
  if (!media?.schemaPointer || model.inputForms(operation).length < 2) return undefined;
  if (!documentedAccepts(model, operation, body)) return undefined;
  const { pointer: bodyAt } = resolveRef(model.spec, media.schemaPointer);
  return decisionAt(model.decisions, bodyAt, "oneOf") ?? decisionAt(model.decisions, bodyAt, "anyOf");
}
