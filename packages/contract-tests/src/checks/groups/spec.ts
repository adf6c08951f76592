import { violationsOnly } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { outcomeOf, type CheckGroup } from "../case.js";
import { checkDecisionsOf, checkExamplesOf, checkOpenApiStructure, checkSchemaValidity } from "../spec-document.js";

/** Check 1: the spec itself. Everything else is held to it, so it is checked on every target. */
export function specGroup(ctx: ContractContext): CheckGroup {
  const spec = ctx.model.source;
  return {
    id: "spec",
    title: "the spec is a valid OpenAPI 3.1 document",
    cases: [
      {
        name: "is a valid OpenAPI 3.1 document",
        run: async () => outcomeOf(violationsOnly(await checkOpenApiStructure(spec))),
      },
      {
        name: "has only valid JSON Schema 2020-12 schemas (strict: no unknown keyword)",
        run: async () => outcomeOf(violationsOnly(checkSchemaValidity(spec))),
      },
      {
        name: "has examples that all validate against their schemas",
        run: async () => outcomeOf(violationsOnly(checkExamplesOf(spec))),
      },
      {
        name: "marks each of our decisions on a validation keyword of its schema, with its reason",
        run: async () => outcomeOf(violationsOnly(checkDecisionsOf(spec))),
      },
    ],
  };
}
