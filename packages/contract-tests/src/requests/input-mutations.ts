import { type OperationSpec, tokensOf } from "@gong-flows/spec-reader";
import type { ContractModel } from "../spec/model.js";
import type { ParameterSpec } from "../spec/parameters.js";
import { textValue } from "../spec/text-value.js";
import { type BodyMutation, bodyMutations } from "./mutations.js";

/**
 * The ways to break one form of an operation's input that a request can carry. A body keeps every
 * mutation that makes it invalid (one that breaks the first alternative of an `anyOf` may fit
 * another). Parameters travel as text: a mutation is kept when its value, read back as the server
 * reads the text, still breaks the keyword it is about (a number sent for a string parameter is a
 * string again, and breaks no `type`); a path parameter is never broken, since a path without it,
 * or with an empty segment, names another route rather than a bad value.
 */
export function inputMutations(
  model: ContractModel,
  operation: OperationSpec,
  form: string,
  valid: unknown,
): BodyMutation[] {
  const mutations = bodyMutations(model.spec, form);
  if (model.inputKind(operation) === "body")
    return mutations.filter((mutation) => !model.validator.isValid(form, mutation.apply(valid)));
  const parameters = model.parameters(operation);
  return mutations.filter((mutation) => {
    const name = tokensOf(mutation.pointer)[0];
    const parameter = parameters.find((p) => p.name === name);
    // The whole object, or a path parameter, cannot be sent broken (a query holds named values only).
    if (name === undefined || parameter?.in === "path") return false;
    const onTheWire = asText(model, parameters, mutation.apply(valid));
    return model.validator.issues(form, onTheWire).some((issue) => issue.keyword === mutation.keyword);
  });
}

/** Parameters as a server reads them: each value sent as text, read back by its schema's type. */
export function asText(model: ContractModel, parameters: readonly ParameterSpec[], input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  return Object.fromEntries(
    Object.entries(input).map(([name, value]) => {
      const parameter = parameters.find((p) => p.name === name);
      return [name, parameter ? textValue(model.spec, parameter.schemaPointer, String(value)) : value];
    }),
  );
}
