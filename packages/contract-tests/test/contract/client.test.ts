// Check 5: @gong-flows/client keeps the contract. Every request it sends is recorded at the fetch
// layer and held to the spec; every documented answer must come back as the typed result or the
// matching typed error; invalid inputs must be refused before anything is sent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyMutations } from "../../src/body-mutations.js";
import {
  checkClientOutcome,
  checkClientRequest,
  checkIdsSentOnce,
  checkRefusedInput,
  clientHandledConstraints,
  clientMethods,
  createContractClient,
  outcomeOf,
} from "../../src/client-contract.js";
import { describeValue } from "../../src/describe-value.js";
import { operationUrl } from "../../src/exchange.js";
import { describeForced, exampleRequestBody, forcedResponses, preferHeader } from "../../src/forced-responses.js";
import { createRecordingFetch } from "../../src/recording-fetch.js";
import { validValueArbitrary } from "../../src/request-arbitrary.js";
import type { OperationSpec } from "../../src/spec-operations.js";
import { assertConforms, type Violation } from "../../src/violation.js";
import { callableOperations, generatedInputOperations, model, propertySettings, target } from "../support/contract-context.js";

const dynamicSeeds = [target.seed];

/** Only the operations this run may call reach the server; anything else a client sends is stopped. */
const callablePaths = new Set(callableOperations.map((operation) => operationUrl(target, operation).pathname));
const mayForward = (url: URL) => callablePaths.has(url.pathname);

/** Calls the client once and holds every request and the outcome to the contract. */
async function callAndCheck(operation: OperationSpec, input: unknown, check: string, prefer?: string): Promise<Violation[]> {
  const recording = createRecordingFetch({ prefer, mayForward });
  const client = createContractClient(target, (request) => recording.fetch(request));
  const call = clientMethods[operation.operationId];
  if (!call) throw new Error(`no client method for ${operation.operationId}`);
  const outcome = await outcomeOf(() => call(client, input));
  return [
    ...recording.exchanges.flatMap((recorded) => checkClientRequest(model, target, operation, recorded, check)),
    ...checkIdsSentOnce(operation, input, recording.exchanges, check),
    ...checkClientOutcome(operation, recording.exchanges, outcome, check),
  ];
}

describe("check 5: the client keeps the contract", () => {
  it("has a method for every operation of the spec", () => {
    const missing = model.operations.map((o) => o.operationId).filter((id) => !(id in clientMethods));
    expect(missing, "operations of the spec the client has no method for").toEqual([]);
  });

  for (const operation of callableOperations) {
    describe(operation.operationId, () => {
      it.runIf(generatedInputOperations.includes(operation))(
        `sends conforming requests and returns what the answers said, for ${target.numRuns} generated valid inputs`,
        async () => {
          await fc.assert(
            fc.asyncProperty(validValueArbitrary(model.spec, model.requestSchemaPointer(operation)), async (input) => {
              assertConforms(await callAndCheck(operation, input, `client: generated input ${describeValue(input)}`));
            }),
            { ...propertySettings, endOnFailure: target.kind === "live" },
          );
        },
      );

      if (target.canForceResponses) {
        for (const forced of forcedResponses(operation, dynamicSeeds)) {
          it(`returns the typed result or throws the matching error: ${describeForced(forced)}`, async () => {
            const check = `client: ${describeForced(forced)}`;
            assertConforms(await callAndCheck(operation, exampleRequestBody(model, operation), check, preferHeader(forced)));
          });
        }
      }

      const schemaAt = model.requestSchemaPointer(operation);
      const mutations = bodyMutations(model.spec, schemaAt).filter(
        (m) => !clientHandledConstraints.some((c) => c.operationId === operation.operationId && c.keyword === m.keyword),
      );
      it(`throws GongValidationError and sends nothing, for ${target.numRuns} generated invalid inputs`, async () => {
        const invalidInputs = fc
          .tuple(validValueArbitrary(model.spec, schemaAt), fc.constantFrom(...mutations))
          .map(([valid, mutation]) => ({ input: mutation.apply(valid), mutation }));
        await fc.assert(
          fc.asyncProperty(invalidInputs, async ({ input, mutation }) => {
            const recording = createRecordingFetch({ mayForward: () => false });
            const client = createContractClient(target, (request) => recording.fetch(request));
            const outcome = await outcomeOf(() => clientMethods[operation.operationId]!(client, input));
            const check = `client: invalid input (${mutation.name}) ${describeValue(input)}`;
            assertConforms(checkRefusedInput(operation, mutation.pointer, outcome, recording.exchanges, check));
          }),
          propertySettings,
        );
      });
    });
  }

  it.runIf(callableOperations.some((o) => o.operationId === "listAssignedFlows"))(
    "lists the configured prospects through the client and returns what the answer said",
    async () => {
      const operation = model.operation("listAssignedFlows");
      assertConforms(await callAndCheck(operation, { crmProspectsIds: target.crmProspectIds }, "client: list the configured prospects"));
    },
  );
});
