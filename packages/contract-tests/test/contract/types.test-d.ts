// Check 6: the types generated from the spec say what the spec says. Every expectation is read from
// the spec itself (src/generated/spec.ts, the spec as a constant): its paths, operations, statuses,
// properties, required properties, property types and enums. So an additive, compatible edit of the
// spec (a new optional response property, a new operation) passes untouched, and a generator that
// drops or changes what the spec says fails. What types cannot express (minItems, the 200-id cap,
// minLength, the email format) is held at run time by checks 3 and 5.
import type { components, operations, paths } from "@gong-flows/client";
import { describe, expectTypeOf, it } from "vitest";
import type { Spec } from "../../src/generated/spec.js";
import type {
  AllOptionalDeep,
  AllTrue,
  BodyRequiredAgree,
  EnumsAgree,
  JsonBody,
  MethodsAgree,
  PropertiesAgree,
  PropertyTypesAgree,
  RateLimitHeaders,
  RequiredAgree,
  ResponseBodies,
  SpecOperationId,
  StatusesAgree,
} from "../support/spec-types.js";

describe("check 6: the types keep the contract", () => {
  it("have exactly the spec's paths and operations, each method where the spec has it and nowhere else", () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<keyof Spec["paths"]>();
    expectTypeOf<keyof operations>().toEqualTypeOf<SpecOperationId>();
    expectTypeOf<MethodsAgree>().toEqualTypeOf<AllTrue<MethodsAgree>>();
  });

  it("list each operation's documented statuses, and no other", () => {
    expectTypeOf<StatusesAgree>().toEqualTypeOf<AllTrue<StatusesAgree>>();
  });

  it("require a request body exactly where the spec does", () => {
    expectTypeOf<BodyRequiredAgree>().toEqualTypeOf<AllTrue<BodyRequiredAgree>>();
  });

  it("give every schema exactly the spec's properties, required exactly where the spec says, of the spec's types", () => {
    expectTypeOf<PropertiesAgree>().toEqualTypeOf<AllTrue<PropertiesAgree>>();
    expectTypeOf<RequiredAgree>().toEqualTypeOf<AllTrue<RequiredAgree>>();
    expectTypeOf<PropertyTypesAgree>().toEqualTypeOf<AllTrue<PropertyTypesAgree>>();
  });

  it("make every response property optional, at every depth (responses are tolerant)", () => {
    expectTypeOf<AllOptionalDeep<ResponseBodies>>().toEqualTypeOf<true>();
    // The helper can fail: a required property anywhere makes it false.
    expectTypeOf<AllOptionalDeep<{ a?: { b: string }[] }>>().toEqualTypeOf<false>();
  });

  it("type each enum as the union of the spec's values", () => {
    expectTypeOf<EnumsAgree>().toEqualTypeOf<AllTrue<EnumsAgree>>();
  });

  it("type every 429's Retry-After header as a required number", () => {
    type RetryAfter = {
      [Op in keyof RateLimitHeaders]: RateLimitHeaders[Op] extends { "Retry-After": infer V } ? V : "missing";
    };
    expectTypeOf<RetryAfter[keyof RetryAfter]>().toEqualTypeOf<number>();
    expectTypeOf<keyof RateLimitHeaders>().not.toBeNever();
  });

  it("refuse request bodies that break what Gong documents", () => {
    // @ts-expect-error crmProspectsIds is required
    const missing: JsonBody<"listAssignedFlows"> = {};
    // @ts-expect-error the documented spelling is crmProspectsIds (the unassign request takes crmProspectId)
    const misspelled: JsonBody<"listAssignedFlows"> = { crmProspectIds: ["a5V1Q00A120DP4CVAW"] };
    // @ts-expect-error crmProspectId is one id, not a list
    const list: JsonBody<"unassignFlowsByCrmProspectId"> = { crmProspectId: ["a5V1Q00A120DP4CVAW"] };
    // @ts-expect-error crmProspectId is required, even with a flowId
    const noProspect: JsonBody<"unassignFlowsByCrmProspectId"> = { flowId: "1695493301223590792" };
    // @ts-expect-error flow instance ids are strings
    const numbers: JsonBody<"unassignFlowsByFlowInstanceIds"> = { flowInstanceIds: [234599484848423] };
    // @ts-expect-error no property beyond the spec's (additionalProperties: false)
    const unknown: JsonBody<"unassignFlowsByFlowInstanceIds"> = { flowInstanceIds: ["234599484848423"], force: true };
    const email: JsonBody<"unassignFlowsByFlowInstanceIds"> = {
      flowInstanceIds: ["234599484848423"],
      // @ts-expect-error the email is a string
      unassignedByUserEmail: true,
    };
    void [missing, misspelled, list, noProspect, numbers, unknown, email];
  });

  it("type the answers' bodies as the spec's shared error body on every error status", () => {
    type ErrorStatusBodies = {
      [Op in keyof operations]: {
        [S in keyof operations[Op]["responses"]]: `${S & number}` extends `2${string}`
          ? never
          : operations[Op]["responses"][S] extends { content: { "application/json": infer B } }
            ? B
            : never;
      }[keyof operations[Op]["responses"]];
    }[keyof operations];
    expectTypeOf<ErrorStatusBodies>().toEqualTypeOf<components["schemas"]["ErrorResponse"]>();
  });
});
