// `gong-flows assign` of 1,000 prospects killed with SIGKILL while assign requests are on the wire
// (held at the mock: received, not acted on), then resumed by the same command. Gong acts on the held
// requests while the resumed run waits the client's timeout before listing their prospects, or only
// after the resumed run listed them and sent them again: either way every prospect ends assigned
// exactly once, and the report has each in one list. The two orders run at once (the resumed runs spend
// their time waiting), each with its own mock.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GongMock } from "@gong-flows/mock";
import { describe, expect, it, type TestContext } from "vitest";
import type { AssignReport } from "../src/report/assign-report.js";
import { assignDataSet, assignFlow, assignOwner, instancesPerProspect } from "./support/assign-data.js";
import { startCliProcess, waitFor } from "./support/cli-process.js";
import { type OwnGong, startOwnGong, useTempDir } from "./support/gong-mock.js";
import { idFiles } from "./support/temp-dir.js";

const { data, prospects } = assignDataSet(1_000);
const tmp = useTempDir();
const prospectsFile = idFiles(tmp, prospects);

/** Starts the CLI with its first 3 assign requests held at the mock, and kills it with SIGKILL once they are. */
async function killWithAssignsHeld(gong: OwnGong, args: readonly string[]): Promise<NodeJS.Signals | null> {
  const { mock } = gong;
  mock.injectFault({ hold: "killed-run", operation: "assignProspects", times: 3 });
  const cli = startCliProcess(args, { cwd: tmp(), env: gong.env });
  try {
    await waitFor("3 assign requests held", () => mock.held().length === 3);
    cli.kill9();
    return (await cli.exited).signal;
  } finally {
    await cli.stop();
  }
}

/** Every prospect assigned once at the mock, and in the report's `assigned` list only. */
async function expectEachAssignedOnce(name: string, mock: GongMock, resumed: { code: number | null; stderr: string }) {
  expect(resumed.code, resumed.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(tmp(), `${name}.json`), "utf8")) as AssignReport;
  expect(report).toMatchObject({ runs: 2, alreadyInFlow: [], notAssigned: [], unconfirmed: [], unprocessed: [] });
  expect(new Set(report.assigned.map((p) => p.crmProspectId))).toEqual(new Set(prospects));
  expect(report.assigned).toHaveLength(1_000);
  const counts = instancesPerProspect(mock);
  expect(counts.size).toBe(1_000);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe.concurrent("gong-flows assign killed with SIGKILL mid-run, the same command finishes the job", () => {
  const start = async (name: string, gong: OwnGong) => {
    const args = [
      "assign",
      "--prospects",
      await prospectsFile(),
      "--flow",
      assignFlow.id,
      "--owner",
      assignOwner,
      "--yes",
      "--rps",
      "0",
      "--timeout-ms",
      "10000",
      "--report",
      `${name}.json`,
    ];
    expect(await killWithAssignsHeld(gong, args)).toBe("SIGKILL");
    return args;
  };

  /** A run killed with 3 assigns held, resumed; resolves once the resumed run waits out the client's timeout. */
  const killAndResume = async (name: string, onTestFinished: TestContext["onTestFinished"]) => {
    const gong = await startOwnGong(data, onTestFinished);
    const args = await start(name, gong);
    const resumed = startCliProcess(args, { cwd: tmp(), env: gong.env });
    onTestFinished(() => resumed.stop());
    // What the killed run never sent goes first; then the wait for the requests it had on the wire.
    await waitFor("the resumed run's wait", () =>
      resumed.output().stderr.includes("for requests Gong may still be working on"),
    );
    return { gong, resumed };
  };

  it("Gong acts on the killed run's requests while the resumed run waits: none is sent again", async ({
    onTestFinished,
  }) => {
    const name = "killed-before";
    const { gong, resumed } = await killAndResume(name, onTestFinished);
    expect(await gong.mock.release("killed-run")).toBe(3);
    const { code } = await resumed.exited;
    await expectEachAssignedOnce(name, gong.mock, { code, stderr: resumed.output().stderr });
    // 1,000 prospects, 100 per call: each batch sent once, by one run or the other.
    expect(gong.mock.stats().calls.assignProspects).toBe(10);
  });

  it("Gong acts on them only after the resumed run listed and sent them again: refused then, assigned once", async ({
    onTestFinished,
  }) => {
    const name = "killed-after";
    const { gong, resumed } = await killAndResume(name, onTestFinished);
    // The requests after the wait are the ones sent again.
    gong.mock.injectFault({ hold: "resumed-run", operation: "assignProspects", times: 3 });
    await waitFor(
      "the resumed run's requests held",
      () => gong.mock.held().filter((call) => call.hold === "resumed-run").length === 3,
    );
    // The killed run's requests go first: the resumed run's, sent again after its listing, find them in the flow.
    expect(await gong.mock.release("killed-run")).toBe(3);
    expect(await gong.mock.release("resumed-run")).toBe(3);
    const { code } = await resumed.exited;
    await expectEachAssignedOnce(name, gong.mock, { code, stderr: resumed.output().stderr });
    expect(gong.mock.stats().calls.assignProspects).toBe(13);
  });
});
