// Spectral custom function: every example of the spec — a schema's 3.1 `examples`, a media type's or
// header's `example`/`examples` — validates against its schema. Spectral's own oas3-valid-*-example
// rules check only the 3.0 `example` keyword, so 3.1 examples would otherwise go unchecked. The rule
// itself lives in the contract suite (its check 1, which `pnpm test` runs too): this function only
// reports its findings where Spectral shows them.
import { checkExamplesOf } from "@gong-flows/contract-tests";
import { tokensOf } from "@gong-flows/spec-reader";

export default function schemaExamples(document) {
  return checkExamplesOf(document).map((violation) => ({
    message: `example at ${violation.where}: expected ${violation.expected}; actual ${violation.actual}`,
    path: tokensOf(violation.where),
  }));
}
