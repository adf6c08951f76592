// Spectral custom function: every `x-gong-flows-decision` of the spec (the project's own constraints,
// those Gong's pages do not state, each marked on its schema with the reason for it) names a
// validation keyword present on that same schema and gives a non-empty reason, and sits on a Schema
// Object. The rule itself lives in the contract suite, which reads the decisions the same way (its
// check 1 runs it too): this function only reports its findings where Spectral shows them.
import { checkDecisionsOf } from "@gong-flows/contract-tests";
import { tokensOf } from "@gong-flows/spec-reader";

export default function decisions(document) {
  return checkDecisionsOf(document).map((violation) => ({
    message: `decision at ${violation.where}: expected ${violation.expected}; actual ${violation.actual}`,
    path: tokensOf(violation.where),
  }));
}
