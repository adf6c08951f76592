import fc from "fast-check";
import { type OperationSpec, pointer, tokensOf } from "@gong-flows/spec-reader";
import { operationContract } from "../../operations/index.js";
import { validValueArbitrary } from "../../requests/arbitrary.js";
import { describeForced, exampleInput, forcedResponses, preferHeader } from "../../requests/forced-responses.js";
import { type BodyMutation, bodyMutations } from "../../requests/mutations.js";
import { describeValue } from "../../report/describe-value.js";
import { type Findings, violationsOnly } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { effectiveSchema } from "../../spec/effective-schema.js";
import { outcomeOf, skipped, type CheckCase, type CheckGroup } from "../case.js";
import { checkIdsSentOnce } from "../client/ids-sent-once.js";
import { checkClientOutcome } from "../client/outcome.js";
import { checkRefusedInput } from "../client/refused-input.js";
import { checkPaging, type PagedCall } from "../client/paging.js";
import { checkClientRequest } from "../client/request.js";
import { generatedInput } from "../generated-input.js";
import { propertyCase } from "../property.js";

/**
 * Check 5: @gong-flows/client keeps the contract: every request it sends conforms, every documented
 * response comes back as the typed result or error, invalid inputs are refused before sending.
 */
export function clientGroup(ctx: ContractContext): CheckGroup {
  const cases: CheckCase[] = [
    ...uncoveredOperationCases(ctx),
    ...ctx.clientOperations.flatMap((operation) => [
      ...generatedInputCases(ctx, operation),
      ...forcedResponseCases(ctx, operation),
      invalidInputCase(ctx, operation),
    ]),
    ...configuredProspectsCases(ctx),
    ...pagingCases(ctx),
  ];
  return { id: "client", title: "@gong-flows/client keeps the contract", cases };
}

/** Calls the client once and holds every request and the outcome to the contract. */
async function callAndCheck(
  ctx: ContractContext,
  operation: OperationSpec,
  input: unknown,
  check: string,
  prefer?: string,
): Promise<Findings> {
  const contract = operationContract(operation.operationId);
  if (!contract) throw new Error(`no client method for ${operation.operationId}`);
  const { outcome, exchanges } = await ctx.transport.record({ prefer }, (client) => contract.call(client, input));
  return violationsOnly([
    ...exchanges.flatMap((recorded) => checkClientRequest(ctx, operation, recorded, check)),
    ...checkIdsSentOnce(operation, input, exchanges, check),
    ...checkClientOutcome(operation, exchanges, outcome, check),
  ]);
}

/** An operation of the spec the client has no method for (a fork's, with `--spec`): named, and skipped. */
function uncoveredOperationCases(ctx: ContractContext): CheckCase[] {
  return ctx.uncoveredOperations.map((operation) => ({
    name: `${operation.operationId}: not checked yet`,
    run: async () =>
      skipped(
        `@gong-flows/client has no method for ${operation.method} ${operation.path}: there is no client call to hold (the server checks still cover it)`,
      ),
  }));
}

/** Valid generated inputs: conforming requests and faithful results. */
function generatedInputCases(ctx: ContractContext, operation: OperationSpec): CheckCase[] {
  if (!ctx.generatedInputOperations.includes(operation)) return [];
  return [
    {
      name: `${operation.operationId}: conforming requests and faithful results for ${ctx.target.numRuns} generated valid inputs`,
      run: () =>
        propertyCase(ctx, clientInputArbitrary(ctx, operation), (input) =>
          callAndCheck(ctx, operation, input, `client: generated input ${describeValue(input)}`),
        ),
    },
  ];
}

/** Each documented status, forced on Prism: the typed result or the matching typed error. */
function forcedResponseCases(ctx: ContractContext, operation: OperationSpec): CheckCase[] {
  if (!ctx.target.canForceResponses) return [];
  return forcedResponses(operation, [ctx.target.seed]).map((forced) => ({
    name: `${operation.operationId}: the typed result or the matching error for ${describeForced(forced)}`,
    run: async () =>
      outcomeOf(
        await callAndCheck(
          ctx,
          operation,
          exampleInput(ctx.model, operation),
          `client: ${describeForced(forced)}`,
          preferHeader(forced),
        ),
      ),
  }));
}

/** Generated invalid inputs: a `GongValidationError` and nothing sent. */
function invalidInputCase(ctx: ContractContext, operation: OperationSpec): CheckCase {
  const { model, target, transport } = ctx;
  const contract = operationContract(operation.operationId);
  const handled = new Set(contract?.clientHandledKeywords?.map((c) => c.keyword));
  const bodyInput = model.inputKind(operation) === "body";
  const invalidInputs = fc.oneof(
    ...clientForms(ctx, operation).map((schemaAt) => {
      // Parameters are the method's arguments, never sent as a whole: the whole input is not broken.
      const mutations = bodyMutations(model.spec, schemaAt).filter(
        (m) => !handled.has(m.keyword) && (bodyInput || m.pointer !== ""),
      );
      return fc
        .tuple(validValueArbitrary(model.spec, schemaAt), fc.constantFrom(...mutations))
        .map(([valid, mutation]) => ({ schemaAt, input: mutation.apply(valid), mutation }));
    }),
  );
  return {
    name: `${operation.operationId}: GongValidationError and nothing sent for ${target.numRuns} generated invalid inputs`,
    run: () => {
      return propertyCase(ctx, invalidInputs, async ({ schemaAt, input, mutation }) => {
        // A mutation of one alternative (anyOf) may leave a value another alternative accepts.
        fc.pre(!model.validator.isValid(schemaAt, input));
        const { outcome, exchanges } = await transport.record({ mayForward: () => false }, (client) =>
          contract!.call(client, input),
        );
        const check = `client: invalid input (${mutation.name}) ${describeValue(input)}`;
        const brokenAt = [
          mutation.pointer,
          ...(mutation.alternativesAt === undefined ? [] : [mutation.alternativesAt]),
          ...otherFormsRequired(ctx, operation, mutation),
        ];
        return violationsOnly(checkRefusedInput(operation, brokenAt, outcome, exchanges, check));
      });
    },
  };
}

/** The configured prospects, listed through the client. */
function configuredProspectsCases(ctx: ContractContext): CheckCase[] {
  if (!ctx.clientOperations.some((o) => o.operationId === "listAssignedFlows")) return [];
  return [
    {
      name: "listAssignedFlows: the configured prospects, listed through the client, come back as answered",
      run: async () =>
        outcomeOf(
          await callAndCheck(
            ctx,
            ctx.model.operation("listAssignedFlows"),
            { crmProspectsIds: ctx.target.crmProspectIds },
            "client: list the configured prospects",
          ),
        ),
    },
  ];
}

/** The forms of an operation's input the client's method takes (see {@link OperationContract.forms}). */
function clientForms(ctx: ContractContext, operation: OperationSpec): string[] {
  const forms = ctx.model.inputForms(operation);
  return forms.slice(0, operationContract(operation.operationId)?.forms ?? 1);
}

/** Valid inputs of every form the client's method takes. */
function clientInputArbitrary(ctx: ContractContext, operation: OperationSpec): fc.Arbitrary<unknown> {
  return fc.oneof(...clientForms(ctx, operation).map((schemaAt) => generatedInput(ctx, operation, schemaAt)));
}

/**
 * A body left without the property that tells its form from the others (`{}` for the list's
 * `crmProspectsIds` or `flowInstanceIds`) fits no form: an issue naming the required property of
 * any form says so as well.
 */
function otherFormsRequired(ctx: ContractContext, operation: OperationSpec, mutation: BodyMutation): string[] {
  const forms = ctx.model.inputForms(operation);
  if (forms.length < 2 || mutation.keyword !== "required" || tokensOf(mutation.pointer).length !== 1) return [];
  return forms.flatMap((form) => effectiveSchema(ctx.model.spec, form).required.map((name) => pointer(name)));
}

/** Pages a paging case reads at most: enough to follow the cursor twice, few enough for a live run. */
const maxPages = 3;

/** Each paged list, read page after page through the client's pager from the spec's example input. */
function pagingCases(ctx: ContractContext): CheckCase[] {
  return ctx.clientOperations.flatMap((operation) => {
    const contract = operationContract(operation.operationId);
    if (!contract?.pages) return [];
    const pages = contract.pages;
    return [
      {
        name: `${operation.operationId}: the client's pager follows each answer's cursor, with the same other parameters (up to ${maxPages} pages)`,
        run: async () => {
          const input = exampleInput(ctx.model, operation);
          const call: PagedCall = { pages: [], outcome: { kind: "result", value: undefined }, stoppedEarly: false };
          const { outcome, exchanges } = await ctx.transport.record({}, async (client) => {
            for await (const page of pages(client, input)) {
              call.pages.push(page);
              call.stoppedEarly = call.pages.length >= maxPages;
              if (call.stoppedEarly) break;
            }
          });
          call.outcome = outcome;
          const check = `client: the pages of ${operation.operationId}`;
          return outcomeOf(
            violationsOnly([
              ...exchanges.flatMap((recorded) => checkClientRequest(ctx, operation, recorded, check)),
              ...checkPaging(operation, contract, exchanges, call, check),
            ]),
          );
        },
      },
    ];
  });
}
