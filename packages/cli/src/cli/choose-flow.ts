import {
  GongAuthenticationError,
  GongError,
  type GongFlowsClient,
  GongPermissionError,
  type RequestOptions,
} from "@gong-flows/client";
import { listOwnerFlows } from "../flows/owner-flows.js";
import { type ChosenFlow, resolveFlow } from "../flows/resolve-flow.js";
import { exitCodes, UsageError } from "./exit-codes.js";
import { firstStep } from "./render-assign.js";

/** The flow could not be looked up (Gong refused or failed the listing): nothing was sent. */
export class FlowLookupError extends Error {
  override name = "FlowLookupError";
  /** 2 when Gong refused the credentials, 3 otherwise (run the same command again). */
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * The flow `--flow VALUE` names among the flows of `owner`: by id, or by exact name. Before anything
 * is sent: a name of several flows, or of none, is a {@link UsageError} (exit 2) listing the matches or
 * offering the nearest name.
 */
export async function chooseFlow(
  gong: GongFlowsClient,
  value: string,
  owner: string,
  options: RequestOptions = {},
): Promise<ChosenFlow> {
  let flows: Awaited<ReturnType<typeof listOwnerFlows>>;
  try {
    flows = await listOwnerFlows(gong, { flowOwnerEmail: owner }, options);
  } catch (error) {
    if (!(error instanceof GongError)) throw error;
    const refused = error instanceof GongAuthenticationError || error instanceof GongPermissionError;
    throw new FlowLookupError(
      `could not list the flows of ${owner} to find --flow ${JSON.stringify(value)}: ${error.message}`,
      refused ? exitCodes.usage : exitCodes.stopped,
    );
  }
  const choice = resolveFlow(value, flows, owner);
  if ("error" in choice) throw new UsageError(choice.error);
  return choice.flow;
}

/**
 * The flow's first step in words, for the confirmation; undefined when Gong lists none or the steps
 * cannot be read (the question then says "the flow's first steps" without naming one).
 */
export async function readFirstStep(gong: GongFlowsClient, flowId: string): Promise<string | undefined> {
  try {
    const { flows } = await gong.getFlowSteps({ flowIds: [flowId] });
    return firstStep(flows.find((flow) => flow.id === flowId));
  } catch (error) {
    if (error instanceof GongError) return undefined;
    throw error;
  }
}
