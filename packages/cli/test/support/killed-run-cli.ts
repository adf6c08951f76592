import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { UnassignReport } from "../../src/report/report.js";
import { cliEnv, runCliProcess, startCliProcess, waitFor, type RunningCli } from "./cli-process.js";
import { prospectsWithFlows, testAuth, useTempDir, useTestGong } from "./gong-mock.js";
import { killedRunHold, killWithRequestsHeld, unansweredUnassignRequests } from "./killed-run.js";
import { idFiles } from "./temp-dir.js";

/**
 * A `gong-flows unassign --<mode>` run killed with requests on the wire that Gong has not acted on yet;
 * Gong acts on them later — before the resumed run lists their prospects, or after it (and after it has
 * sent them again). Either way every instance is reported unassigned; only the second order sends them
 * twice. One file per mode, each with its own mock: the resumed runs spend their time waiting out the
 * client's timeout, and two files wait side by side.
 */
export function describeKilledRunResumes(mode: "prospects" | "flow-instances"): void {
  const data = prospectsWithFlows(300); // 600 flow instances
  const gong = useTestGong({ assignedFlows: data.flows });
  const tmp = useTempDir();
  const env = () => cliEnv(gong().server.url, testAuth);
  const running: RunningCli[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((cli) => cli.stop()));
  });
  const prospectsFile = idFiles(tmp, data.prospects);
  /** The 600 flow instances as a CSV with their prospects (as `gong-flows list --format csv` writes). */
  async function instancesFile(): Promise<string> {
    const path = join(tmp(), "instances.csv");
    await writeFile(
      path,
      `flowInstanceId,crmProspectId\n${data.flows.map((f) => `${f.flowInstanceId},${f.crmProspectId}`).join("\n")}\n`,
    );
    return path;
  }
  const input = () => (mode === "prospects" ? prospectsFile() : instancesFile());

  describe(`killed with SIGKILL mid-run (--${mode}), the same command finishes the job`, () => {
    const start = async (name: string) => {
      const args = [
        "unassign",
        `--${mode}`,
        await input(),
        "--yes",
        "--rps",
        "0",
        "--timeout-ms",
        "10000",
        "--report",
        `${name}.json`,
      ];
      expect(await killWithRequestsHeld(gong().server.mock, args, { cwd: tmp(), env: env() }, 3)).toBe("SIGKILL");
      expect(await unansweredUnassignRequests(join(tmp(), `${name}.journal.jsonl`))).toBe(3);
      return args;
    };
    const expectAllUnassigned = async (name: string, resumed: { code: number | null; stderr: string }) => {
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
      expect(gong().server.mock.stats().flowInstances.assigned).toBe(0);
    };

    it(`SIGKILL, ${mode}: Gong acts on the killed run's requests while the resumed run waits, before it lists: nothing is sent twice`, async () => {
      const name = `killed-before-${mode}`;
      const args = await start(name);
      const before = gong().server.mock.stats().calls;
      const resumed = startCliProcess(args, { cwd: tmp(), env: env() });
      running.push(resumed);
      // It waits the client's timeout (10 s here: room for a busy machine to start it) since those requests
      // left, before it lists their prospects.
      await waitFor("the resumed run's wait", () =>
        resumed.output().stderr.includes("for requests Gong may still be working on"),
      );
      expect(await gong().server.mock.release(killedRunHold)).toBe(3);
      const { code } = await resumed.exited;
      await expectAllUnassigned(name, { code, stderr: resumed.output().stderr });
      const after = gong().server.mock.stats();
      expect(after.calls.unassignFlowsByFlowInstanceIds).toBe(before.unassignFlowsByFlowInstanceIds);
      expect(after.alreadyUnassignedIdsSent).toBe(0);
    });

    it(`SIGKILL, ${mode}: Gong acts on them after the resumed run has listed and sent them again: still reported unassigned`, async () => {
      const name = `killed-after-${mode}`;
      const args = await start(name);
      gong().server.mock.injectFault({ hold: "resumed-run", operation: "unassignFlowsByFlowInstanceIds", times: 3 });
      const resumed = runCliProcess(args, { cwd: tmp(), env: env() });
      await waitFor(
        "the resumed run's requests held",
        () =>
          gong()
            .server.mock.held()
            .filter((call) => call.hold === "resumed-run").length === 3,
      );
      expect(await gong().server.mock.release(killedRunHold)).toBe(3);
      expect(await gong().server.mock.release("resumed-run")).toBe(3);
      await expectAllUnassigned(name, await resumed);
      // The order forced the double send: every id went twice, and the report still tells the truth.
      expect(gong().server.mock.stats().alreadyUnassignedIdsSent).toBe(600);
    });
  });
}
