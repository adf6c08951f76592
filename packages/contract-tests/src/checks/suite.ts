import type { ContractContext } from "../run/context.js";
import type { CheckGroup } from "./case.js";
import { clientGroup } from "./groups/client.js";
import { liveWritesGroup } from "./groups/live-writes.js";
import { negativeDataGroup } from "./groups/negative-data.js";
import { positiveDataGroup } from "./groups/positive-data.js";
import { responsesGroup } from "./groups/responses.js";
import { specGroup } from "./groups/spec.js";

/** Every group of checks, in the order a run reports them. */
const groups: readonly ((ctx: ContractContext) => CheckGroup)[] = [
  specGroup,
  responsesGroup,
  negativeDataGroup,
  positiveDataGroup,
  clientGroup,
  liveWritesGroup,
];

/**
 * The contract suite: every group of checks, built for one run's context. The command-line runner
 * and the repository's vitest files both run exactly these cases.
 */
export function contractSuite(ctx: ContractContext): CheckGroup[] {
  return groups.map((group) => group(ctx));
}
