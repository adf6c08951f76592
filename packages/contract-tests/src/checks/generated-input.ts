import type fc from "fast-check";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { operationContract } from "../operations/index.js";
import { validValueArbitrary } from "../requests/arbitrary.js";
import type { ContractContext } from "../run/context.js";

/**
 * Valid inputs of one form of an operation's input, generated from its schema. On a server with state,
 * the parameters whose values only an earlier answer gives (a page cursor) are left out: a made-up
 * cursor names no page there, whatever the schema allows.
 */
export function generatedInput(
  ctx: ContractContext,
  operation: OperationSpec,
  schemaAt: string,
): fc.Arbitrary<unknown> {
  const arbitrary = validValueArbitrary(ctx.model.spec, schemaAt);
  const fromAnswers = operationContract(operation.operationId)?.fromAnswers ?? [];
  if (ctx.target.kind === "prism" || fromAnswers.length === 0) return arbitrary;
  return arbitrary.map((input) =>
    input !== null && typeof input === "object"
      ? Object.fromEntries(Object.entries(input).filter(([name]) => !fromAnswers.includes(name)))
      : input,
  );
}
