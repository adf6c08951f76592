// The suite against live servers, run in-process as `gong-flows-contract --target live` runs it:
// a lenient server that keeps what Gong documents passes (what it does with the project's decisions
// is reported), fails once --strict holds it to them too; a conforming server passes strict, writes
// allowed (as our own mock is run); and every wrong server fails, naming its violation.
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/checks/case.js";
import { junitXml } from "../../src/report/junit.js";
import { formatNote, formatViolation, type Violation } from "../../src/report/violation.js";
import { runContractSuite, type RunReport } from "../../src/run/run-suite.js";
import { resolveSettings, type Flags } from "../../src/run/settings.js";
import { mockCredentials } from "../../src/run/target.js";
import { faults } from "../support/faults.js";
import { fakeSecret } from "../support/local-target.js";
import { documentedStatuses, model } from "../support/model.js";
import {
  startReferenceServer,
  type ReferenceServer,
  type ReferenceServerOptions,
} from "../support/reference-server.js";

const credentials = {
  GONG_ACCESS_KEY: mockCredentials.accessKey,
  GONG_ACCESS_KEY_SECRET: mockCredentials.accessKeySecret,
};
const servers: ReferenceServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/**
 * Runs the suite against a fresh reference server, live, unpaced, writes allowed: every group, or only
 * those named (a wrong server's fault shows in one group; the rest would only repeat the passing run).
 */
async function runLive(
  server: ReferenceServerOptions,
  flags: Flags = {},
  groups?: string[],
): Promise<{ report: RunReport; server: ReferenceServer }> {
  const started = await startReferenceServer(model, server);
  servers.push(started);
  const settings = resolveSettings(
    { target: "live", baseUrl: started.url, allowWrites: true, rps: "0", numRuns: "5", ...flags },
    credentials,
  );
  return { report: await runContractSuite({ settings, env: credentials, groups }), server: started };
}

/** Each test runs whole suites in-process: allow for a busy machine. */
const suiteRunTimeoutMs = 240_000;

const cases = (report: RunReport) => report.groups.flatMap((group) => group.cases);
const violations = (report: RunReport): Violation[] => cases(report).flatMap((c) => c.violations);
/** Each failed case with why, so that a failure says which case and what it met. */
const failures = (report: RunReport): string[] =>
  cases(report)
    .filter((c) => c.verdict === "failed")
    .map((c) => [c.name, c.reason ?? "", ...c.violations.map(formatViolation)].join(": "));
const decisionCase =
  /unknown property|shorter than 1|\(minItems 1\)|malformed email|not matching|missing required property \/(flowIds|crmProspectsIds \(by|flowInstanceIds \(by)|a number below 1/;

describe.concurrent("the suite against live servers", () => {
  it("passes a lenient server that keeps what Gong documents, and reports what it does with our decisions", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const { report, server } = await runLive({ rules: "gong" });
    expect(violations(report).map(formatViolation)).toEqual([]);
    expect(report.totals.failed).toBe(0);
    const reported = cases(report).filter((c) => c.verdict === "reported");
    expect(reported.length).toBeGreaterThan(0);
    for (const result of reported) {
      expect(result.name).toMatch(decisionCase);
      expect(result.reason).toMatch(
        /^accepted \(20[02]\); not held on a live target without --strict: our decision \(#\/components\/schemas\//,
      );
    }
    // Every decision case of the callable operations was reported, and nothing documented was.
    const negative = report.groups.find((g) => g.id === "negative-data")!.cases;
    expect(negative.filter((c) => decisionCase.test(c.name)).every((c) => c.verdict === "reported")).toBe(true);
    expect(negative.filter((c) => !decisionCase.test(c.name)).every((c) => c.verdict === "passed")).toBe(true);
    // The documented refusals were still demanded: 201 ids, a wrong type, no credentials.
    expect(negative.map((c) => c.name)).toEqual(
      expect.arrayContaining(["unassignFlowsByFlowInstanceIds: 201 items at /flowInstanceIds (maxItems 200)"]),
    );
    // Writes ran, on the listed flow instance.
    expect(report.groups.find((g) => g.id === "live-writes")!.cases[0]!.verdict).toBe("passed");
    expect(server.received.some((r) => r.operation?.operationId === "unassignFlowsByFlowInstanceIds")).toBe(true);

    // The JUnit report shows each reported case as skipped, with the reason as its message.
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junitXml(report)) as {
      testsuites: {
        failures: string;
        skipped: string;
        testsuite: { id: string; testcase: { name: string; skipped?: { message: string }; properties?: unknown }[] }[];
      };
    };
    expect(xml.testsuites.failures).toBe("0");
    const negativeSuite = xml.testsuites.testsuite.find((s) => s.id === "negative-data")!;
    const skippedCases = negativeSuite.testcase.filter((c) => c.skipped);
    expect(skippedCases.map((c) => c.name).sort()).toEqual(
      reported
        .filter((c) => negative.includes(c))
        .map((c) => c.name)
        .sort(),
    );
    expect(skippedCases[0]!.skipped!.message).toMatch(/our decision/);
  });

  it("fails the same lenient server with --strict, on exactly the cases of our decisions", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const { report } = await runLive({ rules: "gong" }, { strict: true });
    const failed = cases(report).filter((c) => c.verdict === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(cases(report).filter((c) => c.verdict === "reported")).toEqual([]);
    for (const result of failed) {
      expect(result.name).toMatch(decisionCase);
      // The operation's documented success: 202 for a bulk assignment's submission, 200 otherwise.
      const success = result.name.startsWith("submitBulkAssignment:") ? 202 : 200;
      expect(result.violations).toEqual([
        expect.objectContaining({
          status: success,
          where: "/status",
          expected: "a 4xx (the request is invalid)",
          actual: String(success),
        }),
      ]);
    }
  });

  it("passes a server that keeps every rule of the spec, strict, writes allowed (as our mock is run)", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const { report } = await runLive({}, { strict: true });
    expect(violations(report).map(formatViolation)).toEqual([]);
    expect(report.totals).toMatchObject({ failed: 0, reported: 0 });
  });

  it("assigns the configured prospects to the named flow only when a flow and owner are named, and catches a broken job", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const assign = { assignFlowId: "1695493301223590792", assignOwnerEmail: "owner@example.com", prospects: "p-1,p-2" };
    const unnamed = await runLive({}, { strict: true, prospects: "p-1" }, ["live-writes"]);
    const skippedCases = unnamed.report.groups[0]!.cases.filter((c) => c.verdict === "skipped");
    expect(skippedCases.map((c) => c.reason)).toEqual([
      expect.stringMatching(/^no flow named: a live assign needs --assign-flow-id and --assign-owner-email/),
      expect.stringMatching(/^no flow named/),
    ]);
    expect(unnamed.server.received.some((r) => r.operation?.operationId === "assignProspects")).toBe(false);

    const named = await runLive({}, { strict: true, ...assign }, ["live-writes"]);
    expect(named.report.groups[0]!.cases.map((c) => c.verdict)).toEqual(["passed", "passed", "passed"]);
    const sent = named.server.received.filter((r) => r.operation?.operationId === "assignProspects");
    expect(sent.map((r) => r.body)).toEqual([
      { crmProspectsIds: ["p-1", "p-2"], flowId: assign.assignFlowId, flowInstanceOwnerEmail: assign.assignOwnerEmail },
    ]);
    expect(named.server.received.map((r) => r.operation?.operationId)).toContain("getBulkAssignment");

    const broken = await runLive({ fault: faults.bulkStatusOutsideEnum }, { strict: true, ...assign }, ["live-writes"]);
    expect(violations(broken.report)).toEqual([
      expect.objectContaining({ operation: "getBulkAssignment", where: "/body/status", actual: '"DONE"' }),
    ]);
  });

  it("reports a flow status outside the documented three as a note, not a failure, unless --strict", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const lenient = await runLive({ fault: faults.statusOutsideEnum }, {}, ["responses", "positive-data", "client"]);
    expect(failures(lenient.report)).toEqual([]);
    expect(lenient.report.totals.failed).toBe(0);
    const notes = cases(lenient.report).flatMap((c) => c.notes.map(formatNote));
    expect(notes).toContainEqual(
      expect.stringContaining(
        `listAssignedFlows 200 at /body/prospectsAssigned/0/flowInstanceStatus: expected ${documentedStatuses}; actual "Stopped"`,
      ),
    );
    expect(notes[0]).toMatch(/our decision, not Gong's: #\/components\/schemas\/FlowInstanceStatus\/enum/);

    const strict = await runLive({ fault: faults.statusOutsideEnum }, { strict: true }, ["responses"]);
    expect(violations(strict.report)).toContainEqual(
      expect.objectContaining({ where: "/body/prospectsAssigned/0/flowInstanceStatus", actual: '"Stopped"' }),
    );
  });

  // Every wrong server a live run can meet, with the violation it must be failed for.
  const wrongServers: {
    name: string;
    options: ReferenceServerOptions;
    group: string;
    violation: Partial<Violation>;
  }[] = [
    {
      name: "an undocumented status",
      options: { fault: faults.undocumentedStatus },
      group: "responses",
      violation: { status: 201, where: "/status", actual: "201" },
    },
    {
      name: "a wrong type",
      options: { fault: faults.wrongType },
      group: "responses",
      violation: { where: "/body/prospectsAssigned/0/exclusive", expected: "type boolean" },
    },
    {
      name: "JSON labelled text/plain",
      options: { fault: faults.wrongContentType },
      group: "responses",
      violation: { where: "/headers/content-type", actual: '"text/plain"' },
    },
    {
      name: "a 2xx for documented-invalid requests",
      options: { fault: faults.acceptsInvalidRequests },
      group: "negative-data",
      violation: { where: "/status", expected: "a 4xx (the request is invalid)", actual: "200" },
    },
    {
      name: "a 2xx without credentials",
      options: { fault: faults.acceptsMissingCredentials },
      group: "negative-data",
      violation: { where: "/status", expected: "status 401", actual: "200" },
    },
    {
      name: "a 5xx for invalid data",
      options: { fault: faults.serverErrorOnInvalidRequests },
      group: "negative-data",
      violation: { where: "/status", actual: "500" },
    },
    {
      name: "an answer quoting the Authorization header",
      options: { fault: faults.echoesAuthorization },
      group: "responses",
      violation: { where: "/body", actual: expect.stringContaining("[REDACTED]") },
    },
  ];
  for (const { name, options, group, violation } of wrongServers) {
    it(`fails ${name}, naming the violation`, { timeout: suiteRunTimeoutMs }, async () => {
      const { report } = await runLive(options, {}, [group]);
      expect(report.totals.failed).toBeGreaterThan(0);
      expect(violations(report)).toContainEqual(expect.objectContaining(violation));
      expect(JSON.stringify(report)).not.toContain(fakeSecret);
    });
  }

  it("shows a property-based failure shrunk where it may, with the seed to reproduce it", {
    timeout: suiteRunTimeoutMs,
  }, async () => {
    const { report } = await runLive({ fault: faults.wrongType }, {}, ["positive-data"]);
    const property = cases(report).find(
      (c): c is CaseResult & { counterexample: NonNullable<CaseResult["counterexample"]> } =>
        c.counterexample !== undefined,
    );
    expect(property?.counterexample).toMatchObject({ seed: report.target.seed, shrunk: false });
    expect(property?.counterexample.input).toMatch(/crmProspectsIds/);
  });
});
