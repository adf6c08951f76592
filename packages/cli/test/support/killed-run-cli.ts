import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GongMock } from "@gong-flows/mock";
import { describe, expect, it } from "vitest";
import type { UnassignReport } from "../../src/report/report.js";
import { runCliProcess, startCliProcess, waitFor } from "./cli-process.js";
import { type OwnGong, prospectsWithFlows, startOwnGong, useTempDir } from "./gong-mock.js";
import { killedRunHold, killWithRequestsHeld, unansweredUnassignRequests } from "./killed-run.js";
import { idFiles } from "./temp-dir.js";

/**
 * A `gong-flows unassign --<mode>` run killed with requests on the wire that Gong has not acted on yet;
 * Gong acts on them later — before the resumed run lists their prospects, or after it (and after it has
 * sent them again). Either way every instance is reported unassigned; only the second order sends them
 * twice. The resumed runs spend their time waiting out the client's timeout, so the two orders run at
 * once, each with its own mock and files.
 */
export function describeKilledRunResumes(mode: "prospects" | "flow-instances"): void {
  const data = prospectsWithFlows(300); // 600 flow instances
  const tmp = useTempDir();
  const prospectsFile = idFiles(tmp, data.prospects);
  /** The 600 flow instances as a CSV with their prospects (as `gong-flows list --format csv` writes). */
  async function instancesFile(name: string): Promise<string> {
    const path = join(tmp(), `${name}-instances.csv`);
    await writeFile(
      path,
      `flowInstanceId,crmProspectId\n${data.flows.map((f) => `${f.flowInstanceId},${f.crmProspectId}`).join("\n")}\n`,
    );
    return path;
  }

  describe.concurrent(`killed with SIGKILL mid-run (--${mode}), the same command finishes the job`, () => {
    const start = async (name: string, gong: OwnGong) => {
      const input = mode === "prospects" ? await prospectsFile() : await instancesFile(name);
      const args = [
        ...["unassign", `--${mode}`, input, "--yes", "--rps", "0"],
        ...["--timeout-ms", "10000", "--report", `${name}.json`],
      ];
      const options = { cwd: tmp(), env: gong.env };
      expect(await killWithRequestsHeld(gong.mock, args, options, 3)).toBe("SIGKILL");
      expect(await unansweredUnassignRequests(join(tmp(), `${name}.journal.jsonl`))).toBe(3);
      return args;
    };
    const expectAllUnassigned = async (
      name: string,
      mock: GongMock,
      resumed: { code: number | null; stderr: string },
    ) => {
      expect(resumed.code, resumed.stderr).toBe(0);
      const report = JSON.parse(await readFile(join(tmp(), `${name}.json`), "utf8")) as UnassignReport;
      expect(report).toMatchObject({
        runs: 2,
        flowInstancesPlanned: 600,
        notUnassigned: [],
        unconfirmed: [],
        unprocessed: [],
      });
      expect(report.unassigned).toHaveLength(600);
      expect(mock.stats().flowInstances.assigned).toBe(0);
    };

    it(`SIGKILL, ${mode}: Gong acts on the killed run's requests while the resumed run waits, before it lists: nothing is sent twice`, async ({
      onTestFinished,
    }) => {
      const name = `killed-before-${mode}`;
      const gong = await startOwnGong({ assignedFlows: data.flows }, onTestFinished);
      const args = await start(name, gong);
      const before = gong.mock.stats().calls;
      const resumed = startCliProcess(args, { cwd: tmp(), env: gong.env });
      onTestFinished(() => resumed.stop());
      // It waits the client's timeout (10 s here: room for a busy machine to start it) since those requests
      // left, before it lists their prospects.
      await waitFor("the resumed run's wait", () =>
        resumed.output().stderr.includes("for requests Gong may still be working on"),
      );
      expect(await gong.mock.release(killedRunHold)).toBe(3);
      const { code } = await resumed.exited;
      await expectAllUnassigned(name, gong.mock, { code, stderr: resumed.output().stderr });
      const after = gong.mock.stats();
      expect(after.calls.unassignFlowsByFlowInstanceIds).toBe(before.unassignFlowsByFlowInstanceIds);
      expect(after.alreadyUnassignedIdsSent).toBe(0);
    });

    it(`SIGKILL, ${mode}: Gong acts on them after the resumed run has listed and sent them again: still reported unassigned`, async ({
      onTestFinished,
    }) => {
      const name = `killed-after-${mode}`;
      const gong = await startOwnGong({ assignedFlows: data.flows }, onTestFinished);
      const args = await start(name, gong);
      gong.mock.injectFault({ hold: "resumed-run", operation: "unassignFlowsByFlowInstanceIds", times: 3 });
      const resumed = runCliProcess(args, { cwd: tmp(), env: gong.env });
      await waitFor(
        "the resumed run's requests held",
        () => gong.mock.held().filter((call) => call.hold === "resumed-run").length === 3,
      );
      expect(await gong.mock.release(killedRunHold)).toBe(3);
      expect(await gong.mock.release("resumed-run")).toBe(3);
      await expectAllUnassigned(name, gong.mock, await resumed);
      // The order forced the double send: every id went twice, and the report still tells the truth.
      expect(gong.mock.stats().alreadyUnassignedIdsSent).toBe(600);
    });
  });
}
