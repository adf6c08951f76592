// The checks of the contract suite, run against deliberately wrong servers on 127.0.0.1: each kind of
// violation must be caught and reported with its operation, status, JSON pointer, expected and
// actual. A contract suite that passes against a wrong server is worse than none.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkExchange, clientError, exactly, success } from "../../src/checks/exchange.js";
import { jsonRequest } from "../../src/http/exchange.js";
import { validValueArbitrary } from "../../src/requests/arbitrary.js";
import { exampleInput, forcedResponses } from "../../src/requests/forced-responses.js";
import { inputRequest } from "../../src/requests/input-request.js";
import { negativeCases, type NegativeCase } from "../../src/requests/negative-cases.js";
import { assertConforms, ContractViolationError, formatReport, type Violation } from "../../src/report/violation.js";
import type { ContractContext } from "../../src/run/context.js";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { faults } from "../support/faults.js";
import { fakeSecret, localContext } from "../support/local-target.js";
import { documentedStatuses, model } from "../support/model.js";
import { startReferenceServer, type Fault, type ReferenceServer } from "../support/reference-server.js";

const list = model.operation("listAssignedFlows");

const servers: ReferenceServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** A Prism-like target (held to every decision) on a fresh reference server, broken by `fault` (or conforming without one). */
async function serverWith(fault?: Fault): Promise<ContractContext> {
  const server = await startReferenceServer(model, { fault });
  servers.push(server);
  return localContext(server.url);
}

async function forced(ctx: ContractContext, operation: OperationSpec, status: number): Promise<Violation[]> {
  const request = inputRequest(model, operation, exampleInput(model, operation));
  return (
    await checkExchange(ctx, operation, request, exactly(status), `forced ${status}`, { prefer: `code=${status}` })
  ).violations;
}

async function accepted(ctx: ContractContext, operation: OperationSpec): Promise<Violation[]> {
  return (
    await checkExchange(
      ctx,
      operation,
      inputRequest(model, operation, exampleInput(model, operation)),
      success,
      "positive data",
    )
  ).violations;
}

/** The 2xx an operation documents (202 for a bulk assignment's submission, 200 for the others). */
const successOf = (operation: OperationSpec) =>
  Number(operation.responses.find((r) => /^2\d\d$/.test(r.status))!.status);

type CaseKind = NegativeCase["kind"];
const invalidRequestKinds: CaseKind[] = ["body", "parameters", "malformed-json", "content-type"];

/** The operation's negative cases of these kinds, or all of them. */
function casesOf(operation: OperationSpec, kinds?: CaseKind[]): NegativeCase[] {
  return negativeCases(model, operation).filter((c) => kinds === undefined || kinds.includes(c.kind));
}

async function refused(ctx: ContractContext, operation: OperationSpec, kinds?: CaseKind[]): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const negative of casesOf(operation, kinds)) {
    const expectation = negative.refusal === "401" ? exactly(401) : clientError;
    const result = await checkExchange(ctx, operation, negative.shape, expectation, `negative data: ${negative.name}`);
    violations.push(...result.violations);
  }
  return violations;
}

describe("the conforming reference server", () => {
  it("passes every check, so that each wrong server below fails by its one fault alone", async () => {
    const ctx = await serverWith();
    const violations: Violation[] = [];
    for (const operation of model.operations) {
      for (const { status } of forcedResponses(operation, []))
        violations.push(...(await forced(ctx, operation, status)));
      violations.push(...(await accepted(ctx, operation)));
      violations.push(...(await refused(ctx, operation)));
    }
    assertConforms(violations);
  });
});

describe("each kind of violation is caught and reported", () => {
  it("an undocumented status (201 instead of 200), even where any 2xx is expected", async () => {
    const ctx = await serverWith(faults.undocumentedStatus);
    const expected = {
      operation: "listAssignedFlows",
      status: 201,
      where: "/status",
      expected: "a status the spec documents for listAssignedFlows (200, 400, 401, 403, 429, 500)",
      actual: "201",
    };
    expect(await accepted(ctx, list)).toContainEqual(expect.objectContaining(expected));
    expect(await forced(ctx, list, 200)).toContainEqual(
      expect.objectContaining({ ...expected, expected: "status 200" }),
    );
  });

  it("a flow instance status outside the enum", async () => {
    const ctx = await serverWith(faults.statusOutsideEnum);
    const violations = await accepted(ctx, list);
    expect(violations).toEqual([
      expect.objectContaining({
        operation: "listAssignedFlows",
        status: 200,
        where: "/body/prospectsAssigned/0/flowInstanceStatus",
        expected: documentedStatuses,
        actual: '"Stopped"',
      }),
    ]);
    expect(formatReport(violations)).toContain(
      `listAssignedFlows 200 at /body/prospectsAssigned/0/flowInstanceStatus: expected ${documentedStatuses}; actual "Stopped"`,
    );
  });

  // Faults that show as exactly one violation of the list operation.
  const singleViolations: {
    name: string;
    fault: Fault;
    send: (ctx: ContractContext) => Promise<Violation[]>;
    violation: Partial<Violation>;
  }[] = [
    {
      name: "a wrong type",
      fault: faults.wrongType,
      send: (c) => accepted(c, list),
      violation: {
        status: 200,
        where: "/body/prospectsAssigned/0/exclusive",
        expected: "type boolean",
        actual: '"yes"',
      },
    },
    {
      name: "a 429 whose Retry-After is not an integer",
      fault: faults.retryAfterNotInteger,
      send: (c) => forced(c, list, 429),
      violation: { status: 429, where: "/headers/retry-after", expected: "type integer", actual: '"soon"' },
    },
    {
      name: "a content type other than the documented JSON",
      fault: faults.wrongContentType,
      send: (c) => accepted(c, list),
      violation: { status: 200, where: "/headers/content-type", expected: "application/json", actual: '"text/plain"' },
    },
  ];
  // The operations beyond the first three, each broken in its own answer.
  const operationFaults: typeof singleViolations = [
    {
      name: "a listed flow's wrong type (GET with query parameters)",
      fault: faults.flowWrongType,
      send: (c) => accepted(c, model.operation("listFlows")),
      violation: { operation: "listFlows", status: 200, where: "/body/flows/0/exclusive", expected: "type boolean" },
    },
    {
      name: "a bulk assignment's status outside the enum (GET with a path parameter)",
      fault: faults.bulkStatusOutsideEnum,
      send: (c) => accepted(c, model.operation("getBulkAssignment")),
      violation: { operation: "getBulkAssignment", status: 200, where: "/body/status", actual: '"DONE"' },
    },
    {
      name: "a step order that is not an integer (the steps POST)",
      fault: faults.stepOrderWrongType,
      send: (c) => accepted(c, model.operation("getFlowSteps")),
      violation: { operation: "getFlowSteps", where: "/body/flows/0/steps/0/stepOrder", expected: "type integer" },
    },
    {
      name: "a 200 where the submission of a bulk assignment documents 202",
      fault: faults.submittedWith200,
      send: (c) => accepted(c, model.operation("submitBulkAssignment")),
      violation: {
        operation: "submitBulkAssignment",
        status: 200,
        where: "/status",
        expected: "a status the spec documents for submitBulkAssignment (202, 400, 401, 403, 404, 429, 500)",
      },
    },
  ];
  for (const { name, fault, send, violation } of [...singleViolations, ...operationFaults]) {
    it(name, async () => {
      expect(await send(await serverWith(fault))).toEqual([expect.objectContaining(violation)]);
    });
  }

  it("a 429 without Retry-After, on every operation", async () => {
    const ctx = await serverWith(faults.retryAfterMissing);
    for (const operation of model.operations) {
      expect(await forced(ctx, operation, 429)).toEqual([
        expect.objectContaining({
          operation: operation.operationId,
          status: 429,
          where: "/headers/retry-after",
          expected: "the Retry-After header (required)",
          actual: "absent",
        }),
      ]);
    }
  });

  it("a 2xx for a malformed body: every invalid body, malformed JSON and wrong content type", async () => {
    const ctx = await serverWith(faults.acceptsInvalidRequests);
    for (const operation of model.operations) {
      const cases = casesOf(operation, invalidRequestKinds);
      // Every operation with a body or query parameters has requests to break (a path parameter alone
      // is never broken: see src/requests/input-mutations.ts).
      if (model.parameters(operation).every((p) => p.in === "query"))
        expect(cases.length, operation.operationId).toBeGreaterThan(0);
      const violations = await refused(ctx, operation, invalidRequestKinds);
      const statusViolations = violations.filter((v) => v.where === "/status");
      expect(statusViolations).toHaveLength(cases.length);
      for (const violation of statusViolations) {
        expect(violation).toMatchObject({
          operation: operation.operationId,
          status: successOf(operation),
          expected: "a 4xx (the request is invalid)",
          actual: String(successOf(operation)),
        });
      }
    }
  });

  it("a 2xx without credentials, or with credentials of the wrong scheme", async () => {
    const ctx = await serverWith(faults.acceptsMissingCredentials);
    for (const operation of model.operations) {
      const violations = await refused(ctx, operation, ["no-credentials", "wrong-scheme"]);
      const acceptedInsteadOf401 = expect.objectContaining({
        operation: operation.operationId,
        status: successOf(operation),
        where: "/status",
        expected: "status 401",
        actual: String(successOf(operation)),
      });
      expect(violations).toEqual([acceptedInsteadOf401, acceptedInsteadOf401]);
    }
  });

  it("a 5xx instead of a 4xx for invalid data", async () => {
    const ctx = await serverWith(faults.serverErrorOnInvalidRequests);
    const violations = await refused(ctx, list, ["body"]);
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations)
      expect(violation).toMatchObject({ status: 500, where: "/status", actual: "500" });
  });

  it("no answer at all (a server that is not there)", async () => {
    const ctx = await serverWith();
    await servers.pop()!.close();
    expect(await accepted(ctx, list)).toEqual([
      expect.objectContaining({
        operation: "listAssignedFlows",
        status: undefined,
        where: "/status",
        actual: expect.stringMatching(/^no answer/),
      }),
    ]);
  });

  it("a property-based check fails against a wrong server, and its report gives the seed to replay it", async () => {
    const ctx = await serverWith(faults.statusOutsideEnum);
    const schemaAt = model.requestSchemaPointer(list);
    const result = await fc.check(
      fc.asyncProperty(validValueArbitrary(model.spec, schemaAt), async (body) => {
        assertConforms((await checkExchange(ctx, list, jsonRequest(body), success, "positive data")).violations);
      }),
      { numRuns: 20, seed: 42 },
    );
    expect(result.failed).toBe(true);
    expect(result.errorInstance).toBeInstanceOf(ContractViolationError);
    expect(fc.defaultReportMessage(result)).toMatch(/seed: 42/);
  });

  it("never puts credentials in a report, even when the server echoes them back", async () => {
    const ctx = await serverWith(faults.echoesAuthorization);
    const violations = await accepted(ctx, list);
    expect(violations).toContainEqual(
      expect.objectContaining({ where: "/body", actual: expect.stringContaining("[REDACTED]") }),
    );
    const report = formatReport(violations);
    expect(report).not.toContain(fakeSecret);
    expect(report).not.toContain(ctx.target.authorization().slice("Basic ".length));
  });
});
