import fc from "fast-check";
import { jsonRequest } from "../http/exchange.js";
import { exampleRequestBody, forcedResponses, describeForced, preferHeader } from "../requests/forced-responses.js";
import { bodyMutations } from "../requests/mutations.js";
import { negativeCases, type NegativeCase } from "../requests/negative-cases.js";
import { validValueArbitrary } from "../requests/arbitrary.js";
import { describeValue } from "../report/describe-value.js";
import { mergeFindings, type Findings } from "../report/violation.js";
import type { ContractContext } from "../run/context.js";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { outcomeOf, skipped, type CaseOutcome, type CheckCase, type CheckGroup } from "./case.js";
import { propertyCase } from "./property.js";
import {
  checkClientOutcome,
  checkClientRequest,
  checkIdsSentOnce,
  checkRefusedInput,
  clientHandledConstraints,
  clientMethods,
} from "./client.js";
import { anyStatus, checkExchange, clientError, exactly, success } from "./exchange.js";
import { prismDefectFor } from "./prism-defects.js";
import { checkDecisionsOf, checkExamplesOf, checkOpenApiStructure, checkSchemaValidity } from "./spec-document.js";

/**
 * The contract suite: every group of checks, built for one run's context. The command-line runner
 * and the repository's vitest files both run exactly these cases.
 */
export function contractSuite(ctx: ContractContext): CheckGroup[] {
  return [
    specGroup(ctx),
    responsesGroup(ctx),
    negativeDataGroup(ctx),
    positiveDataGroup(ctx),
    clientGroup(ctx),
    liveWritesGroup(ctx),
  ];
}

const violationsOnly = (violations: Findings["violations"]): Findings => ({ violations, notes: [] });

/** Check 1: the spec itself. Everything else is held to it, so it is checked on every target. */
export function specGroup(ctx: ContractContext): CheckGroup {
  const { spec } = ctx.model;
  return {
    id: "spec",
    title: "the spec is a valid OpenAPI 3.1 document",
    cases: [
      {
        name: "is a valid OpenAPI 3.1 document",
        run: async () => outcomeOf(violationsOnly(await checkOpenApiStructure(spec))),
      },
      {
        name: "has only valid JSON Schema 2020-12 schemas (strict: no unknown keyword)",
        run: async () => outcomeOf(violationsOnly(checkSchemaValidity(spec))),
      },
      {
        name: "has examples that all validate against their schemas",
        run: async () => outcomeOf(violationsOnly(checkExamplesOf(spec))),
      },
      {
        name: "marks each of our decisions on a validation keyword of its schema, with its reason",
        run: async () => outcomeOf(violationsOnly(checkDecisionsOf(spec))),
      },
    ],
  };
}

/** Seeds of Prism's generated answers: fixed, derived from the run's seed. */
const dynamicSeeds = (ctx: ContractContext) => [ctx.target.seed, ctx.target.seed + 1, ctx.target.seed + 2];

/**
 * Check 2: responses conform. On Prism every documented status of every operation is forced, from
 * the spec's example and generated under fixed seeds; a live server is held to whatever it answers.
 */
export function responsesGroup(ctx: ContractContext): CheckGroup {
  const { model, target } = ctx;
  const cases: CheckCase[] = [];
  if (target.canForceResponses) {
    for (const operation of ctx.callableOperations) {
      for (const forced of forcedResponses(operation, dynamicSeeds(ctx))) {
        cases.push({
          name: `${operation.operationId}: ${describeForced(forced)}`,
          run: async () => {
            const request = jsonRequest(exampleRequestBody(model, operation));
            const check = `responses conform: ${describeForced(forced)}`;
            return outcomeOf(
              await checkExchange(ctx, operation, request, exactly(forced.status), check, {
                prefer: preferHeader(forced),
              }),
            );
          },
        });
      }
    }
    cases.push({
      name: "the same seed generates the same answer (Prism's dynamic mode is seeded)",
      run: async () => {
        const operation = model.operation("listAssignedFlows");
        const request = jsonRequest(exampleRequestBody(model, operation));
        const prefer = `code=200, dynamic=true, seed=${target.seed}`;
        const check = "responses conform: the same seed twice";
        const first = await checkExchange(ctx, operation, request, success, check, { prefer });
        const second = await checkExchange(ctx, operation, request, success, check, { prefer });
        const found = mergeFindings(first, second);
        if (first.response && second.response && first.response.bodyText !== second.response.bodyText) {
          found.violations.push({
            operation: operation.operationId,
            status: 200,
            where: "/body",
            expected: `the same generated answer for seed ${target.seed}`,
            actual: `${describeValue(first.response.bodyText)} then ${describeValue(second.response.bodyText)}`,
            check,
          });
        }
        return outcomeOf(found);
      },
    });
  } else {
    cases.push({
      name: "listAssignedFlows: a list of the configured prospects gets a conforming 2xx",
      run: async () => {
        const operation = model.operation("listAssignedFlows");
        const check = "responses conform: list the configured prospects";
        return outcomeOf(
          await checkExchange(ctx, operation, jsonRequest({ crmProspectsIds: target.crmProspectIds }), success, check),
        );
      },
    });
  }
  return { id: "responses", title: "responses conform to the spec", cases };
}

/**
 * Check 3: negative data is rejected with a 4xx (401 for missing or wrong-scheme credentials), never a
 * 2xx or a 5xx, and the refusal itself conforms. Every case is derived from the spec. A case that
 * breaks only one of the project's decisions is held like the rest on Prism, our mocks and with
 * `--strict`; against a live server otherwise, what it does is reported, never failed.
 */
export function negativeDataGroup(ctx: ContractContext): CheckGroup {
  const cases: CheckCase[] = [];
  for (const operation of ctx.callableOperations) {
    for (const negative of negativeCases(ctx.model, operation)) {
      cases.push({
        name: `${operation.operationId}: ${negative.name}`,
        run: () => runNegativeCase(ctx, operation, negative),
      });
    }
  }
  return { id: "negative-data", title: "negative data is rejected", cases };
}

async function runNegativeCase(
  ctx: ContractContext,
  operation: OperationSpec,
  negative: NegativeCase,
): Promise<CaseOutcome> {
  const check = `negative data: ${negative.name}`;
  const expectation = negative.refusal === "401" ? exactly(401) : clientError;
  const defect = ctx.target.kind === "prism" ? prismDefectFor(negative) : undefined;
  if (defect) {
    const result = await checkExchange(ctx, operation, negative.shape, expectation, check, {
      deadlineMs: defect.waitMs,
    });
    // Any answer Prism does give is held to the contract; without one, the silence must be the known
    // defect (a wait that ran out), not a Prism that is gone.
    if (result.response) return outcomeOf(result);
    const silent =
      result.violations.length === 1 && result.violations[0]?.actual === `no answer within ${defect.waitMs} ms`;
    if (silent)
      return {
        verdict: "passed",
        violations: [],
        notes: [],
        reason: `a known defect of Prism, checked in full on live targets: ${defect.reason}`,
      };
    return outcomeOf(result);
  }
  if (negative.decision && !ctx.strict) {
    // Gong documents nothing that refuses this request: its answer is reported, and held to the spec.
    const result = await checkExchange(ctx, operation, negative.shape, anyStatus, check);
    if (result.violations.length > 0) return outcomeOf(result);
    const status = result.response?.status ?? 0;
    const what = status >= 400 && status < 500 ? `refused (${status})` : `accepted (${status})`;
    return {
      verdict: "reported",
      violations: [],
      notes: result.notes,
      reason: `${what}; not held on a live target without --strict: our decision (#${negative.decision.pointer}), not Gong's`,
    };
  }
  return outcomeOf(await checkExchange(ctx, operation, negative.shape, expectation, check));
}

/**
 * Check 4: positive data is accepted. Valid bodies generated from each request schema (fast-check,
 * fixed seed; a failure prints the seed and path to replay it) get a 2xx whose answer conforms.
 */
export function positiveDataGroup(ctx: ContractContext): CheckGroup {
  const { model } = ctx;
  const cases: CheckCase[] = ctx.generatedInputOperations.map((operation) => ({
    name: `${operation.operationId}: ${ctx.target.numRuns} generated valid bodies each get a conforming 2xx`,
    run: () => {
      const schemaAt = model.requestSchemaPointer(operation);
      return propertyCase(ctx, validValueArbitrary(model.spec, schemaAt), async (body) => {
        const generatorIssues = model.validator.issues(schemaAt, body);
        if (generatorIssues.length > 0) {
          throw new Error(
            `the generator made an invalid body (${describeValue(generatorIssues)}): fix src/requests/arbitrary.ts`,
          );
        }
        return checkExchange(
          ctx,
          operation,
          jsonRequest(body),
          success,
          `positive data: generated body ${describeValue(body)}`,
        );
      });
    },
  }));
  return { id: "positive-data", title: "positive data is accepted", cases };
}

/**
 * Check 5: @gong-flows/client keeps the contract. Every request it sends is recorded at the fetch
 * layer and held to the spec (our decisions included: they bind what the client sends); every
 * documented answer must come back as the typed result or the matching typed error; invalid inputs
 * must be refused before anything is sent.
 */
export function clientGroup(ctx: ContractContext): CheckGroup {
  const { model, target, transport } = ctx;
  const cases: CheckCase[] = [];

  /** Calls the client once and holds every request and the outcome to the contract. */
  const callAndCheck = async (
    operation: OperationSpec,
    input: unknown,
    check: string,
    prefer?: string,
  ): Promise<Findings> => {
    const call = clientMethods[operation.operationId];
    if (!call) throw new Error(`no client method for ${operation.operationId}`);
    const { outcome, exchanges } = await transport.record({ prefer }, (client) => call(client, input));
    return violationsOnly([
      ...exchanges.flatMap((recorded) => checkClientRequest(ctx, operation, recorded, check)),
      ...checkIdsSentOnce(operation, input, exchanges, check),
      ...checkClientOutcome(operation, exchanges, outcome, check),
    ]);
  };

  for (const operation of ctx.uncoveredOperations) {
    cases.push({
      name: `${operation.operationId}: not checked yet`,
      run: async () =>
        skipped(
          `@gong-flows/client has no method for ${operation.method} ${operation.path} yet, so the suite sends it nothing`,
        ),
    });
  }

  for (const operation of ctx.callableOperations) {
    const schemaAt = model.requestSchemaPointer(operation);
    if (ctx.generatedInputOperations.includes(operation)) {
      cases.push({
        name: `${operation.operationId}: conforming requests and faithful results for ${target.numRuns} generated valid inputs`,
        run: () =>
          propertyCase(ctx, validValueArbitrary(model.spec, schemaAt), (input) =>
            callAndCheck(operation, input, `client: generated input ${describeValue(input)}`),
          ),
      });
    }
    if (target.canForceResponses) {
      for (const forced of forcedResponses(operation, [target.seed])) {
        cases.push({
          name: `${operation.operationId}: the typed result or the matching error for ${describeForced(forced)}`,
          run: async () =>
            outcomeOf(
              await callAndCheck(
                operation,
                exampleRequestBody(model, operation),
                `client: ${describeForced(forced)}`,
                preferHeader(forced),
              ),
            ),
        });
      }
    }
    const mutations = bodyMutations(model.spec, schemaAt).filter(
      (m) => !clientHandledConstraints.some((c) => c.operationId === operation.operationId && c.keyword === m.keyword),
    );
    cases.push({
      name: `${operation.operationId}: GongValidationError and nothing sent for ${target.numRuns} generated invalid inputs`,
      run: () => {
        const invalidInputs = fc
          .tuple(validValueArbitrary(model.spec, schemaAt), fc.constantFrom(...mutations))
          .map(([valid, mutation]) => ({ input: mutation.apply(valid), mutation }));
        return propertyCase(ctx, invalidInputs, async ({ input, mutation }) => {
          const { outcome, exchanges } = await transport.record({ mayForward: () => false }, (client) =>
            clientMethods[operation.operationId]!(client, input),
          );
          const check = `client: invalid input (${mutation.name}) ${describeValue(input)}`;
          return violationsOnly(checkRefusedInput(operation, mutation.pointer, outcome, exchanges, check));
        });
      },
    });
  }

  if (ctx.callableOperations.some((o) => o.operationId === "listAssignedFlows")) {
    cases.push({
      name: "listAssignedFlows: the configured prospects, listed through the client, come back as answered",
      run: async () =>
        outcomeOf(
          await callAndCheck(
            model.operation("listAssignedFlows"),
            { crmProspectsIds: target.crmProspectIds },
            "client: list the configured prospects",
          ),
        ),
    });
  }
  return { id: "client", title: "@gong-flows/client keeps the contract", cases };
}

interface Listed {
  flowInstanceId?: unknown;
  crmProspectId?: unknown;
  flowId?: unknown;
}

/**
 * Writes against a live server, only with writes allowed, and only on the flow instances a list call
 * of the configured prospects returned: the suite never unassigns anything it made up.
 */
export function liveWritesGroup(ctx: ContractContext): CheckGroup {
  const { model, target, transport } = ctx;
  const live = target.kind === "live";
  const run = async (): Promise<CaseOutcome> => {
    if (!live) return skipped("only against a live server (on Prism every operation is checked above)");
    if (!target.allowWrites) return skipped("read-only run: writes need --allow-writes (CONTRACT_ALLOW_WRITES=1)");
    const list = model.operation("listAssignedFlows");
    const listed = await checkExchange(
      ctx,
      list,
      jsonRequest({ crmProspectsIds: target.crmProspectIds }),
      success,
      "live writes: list",
    );
    if (listed.violations.length > 0) return outcomeOf(listed);
    const flows = (
      (safeJson(listed.response?.bodyText) as { prospectsAssigned?: Listed[] } | undefined)?.prospectsAssigned ?? []
    ).filter(
      (f): f is { flowInstanceId: string; crmProspectId: string; flowId: string } =>
        typeof f.flowInstanceId === "string" && typeof f.crmProspectId === "string" && typeof f.flowId === "string",
    );
    if (flows.length === 0)
      return skipped("the configured prospects are in no flow: nothing to unassign (give --prospects)");

    // One prospect out of one flow, straight through the spec.
    const first = flows[0]!;
    const byCrmId = model.operation("unassignFlowsByCrmProspectId");
    const body = { crmProspectId: first.crmProspectId, flowId: first.flowId };
    const single = await checkExchange(
      ctx,
      byCrmId,
      jsonRequest(body),
      success,
      "live writes: unassign one prospect from one flow",
    );

    // Every listed instance through the client: the first is gone already, and must be reported as
    // not unassigned rather than lost.
    const byInstance = model.operation("unassignFlowsByFlowInstanceIds");
    const input = { flowInstanceIds: flows.map((f) => f.flowInstanceId) };
    const { outcome, exchanges } = await transport.record({}, (client) => client.unassignByFlowInstanceIds(input));
    const check = "live writes: unassign the listed flow instances through the client";
    return outcomeOf(
      mergeFindings(
        listed,
        single,
        violationsOnly([
          ...exchanges.flatMap((recorded) => checkClientRequest(ctx, byInstance, recorded, check)),
          ...checkClientOutcome(byInstance, exchanges, outcome, check),
        ]),
      ),
    );
  };
  return {
    id: "live-writes",
    title: "live writes unassign what was listed",
    cases: [
      { name: "unassigns the listed flow instances, by CRM id and by instance id, and both answers conform", run },
    ],
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
