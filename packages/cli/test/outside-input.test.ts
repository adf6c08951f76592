import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prospectKey, salesforceSuffix } from "../src/plan/prospect-match.js";
import { runUnassignJob } from "../src/run/run-job.js";
import { startTestGong, useTempDir, type MockFlow } from "./support/gong-mock.js";

const tmp = useTempDir();

describe("Salesforce ids: 15 characters (case-sensitive) and 18 (with the suffix that encodes the case)", () => {
  it("computes Salesforce's suffix", () => {
    expect(salesforceSuffix("001A0000006Vm9r")).toBe("IAC");
    expect(salesforceSuffix("0035e00000AbCdE")).toBe("AAV");
  });

  it("takes the two forms for one record only when the suffix matches the case of the 15", () => {
    expect(prospectKey("001A0000006Vm9rIAC")).toBe("001A0000006Vm9r");
    expect(prospectKey("001A0000006Vm9riac")).toBe("001A0000006Vm9r");
    expect(prospectKey("001A0000006Vm9rAAA")).toBe("001A0000006Vm9rAAA");
    expect(prospectKey("001a0000006Vm9rIAC")).toBe("001a0000006Vm9rIAC");
    expect(prospectKey("001A0000006Vm9r")).toBe("001A0000006Vm9r");
    expect(prospectKey("prospect-0000001")).toBe("prospect-0000001");
  });
});

const id15 = "0035e00000AbCdE";
const id18 = `${id15}AAV`;
const wrongSuffix = `${id15}AAA`;
const otherCase = "0035e00000ABCDEAAV"; // the upper-case record's 15 with the lower-case record's suffix

function flow(crmProspectId: string, flowInstanceId: string): MockFlow {
  return { flowId: "f-1", flowName: "SDR Flow", crmProspectId, flowInstanceId, flowInstanceStatus: "Running" };
}

describe("a listing that names prospects the input does not", () => {
  it("plans only the input's prospects (a 15-character id finds Gong's 18-character one) and reports the others, untouched", async () => {
    const gong = await startTestGong({
      assignedFlows: [
        flow(id18, "mine-1"),
        flow(id18, "mine-2"),
        flow(wrongSuffix, "not-mine-1"),
        flow(otherCase, "not-mine-2"),
        flow("merged-record", "not-mine-3"),
      ],
    });
    try {
      // Gong (or a proxy in front of it) answers the list request with more prospects than it was asked for.
      const listsTooMuch: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.endsWith("/v2/flows/prospects")) return fetch(request);
        const body = JSON.stringify({ crmProspectsIds: [id18, wrongSuffix, otherCase, "merged-record"] });
        return fetch(new Request(request, { body }));
      };
      const result = await runUnassignJob({
        input: {
          mode: "prospects",
          entries: [
            { id: id15, line: 1 },
            { id: "in-no-flow", line: 2 },
          ],
          file: "prospects.txt",
        },
        client: { ...gong.client, fetch: listsTooMuch },
        journalPath: join(tmp(), "outside.journal.jsonl"),
        reportPath: join(tmp(), "outside.report.json"),
        verify: "all",
      });
      expect(result.report.flowInstancesPlanned).toBe(2);
      expect([...result.report.unassigned].sort()).toEqual(["mine-1", "mine-2"]);
      expect(result.report.flowInstancesOutsideInput).toEqual([
        { flowInstanceId: "not-mine-1", crmProspectId: wrongSuffix },
        { flowInstanceId: "not-mine-2", crmProspectId: otherCase },
        { flowInstanceId: "not-mine-3", crmProspectId: "merged-record" },
      ]);
      expect(result.report.prospectsInFlows).toBe(1);
      expect(result.report.prospectsMatchingNoFlow).toEqual(["in-no-flow"]);
      expect(result.report.assignedDuringRun).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.warnings.join("\n")).toContain(
        "3 flow instance(s) listed for prospects the input does not name were left alone",
      );
      const left = gong.server.mock
        .flowInstances()
        .filter((f) => f.assigned)
        .map((f) => f.assignedFlow.flowInstanceId!);
      expect(left.sort()).toEqual(["not-mine-1", "not-mine-2", "not-mine-3"]);
    } finally {
      await gong.server.close();
    }
  });
});
