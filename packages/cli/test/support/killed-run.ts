import { readFile } from "node:fs/promises";
import type { GongMock } from "@gong-flows/mock";
import { startCliProcess, waitFor } from "./cli-process.js";

/** The hold under which a killed run's unassign requests wait at the mock. */
export const killedRunHold = "killed-run";

/**
 * Starts `gong-flows` with its unassign requests held at the mock (received, not acted on), waits
 * until `requests` of them are held, and kills it with SIGKILL: a run that died with requests on the
 * wire that Gong has not acted on yet. Resolves with the signal that ended it.
 */
export async function killWithRequestsHeld(
  mock: GongMock,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  requests: number,
): Promise<NodeJS.Signals | null> {
  mock.injectFault({ hold: killedRunHold, operation: "unassignFlowsByFlowInstanceIds", times: requests });
  const cli = startCliProcess(args, options);
  try {
    await waitFor(`${requests} unassign requests held`, () => mock.held().length === requests);
    cli.kill9();
    return (await cli.exited).signal;
  } finally {
    await cli.stop();
  }
}

/** The unassign requests a journal holds no answer for: what a killed run had on the wire. */
export async function unansweredUnassignRequests(journal: string): Promise<number> {
  const records = (await readFile(journal, "utf8"))
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; seq?: number; kind?: string });
  const answered = new Set(records.filter((r) => r.type === "answer").map((r) => r.seq));
  return records.filter((r) => r.type === "request" && r.kind === "unassign-by-instance-id" && !answered.has(r.seq))
    .length;
}
