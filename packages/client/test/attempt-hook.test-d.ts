import { describe, expectTypeOf, it } from "vitest";
import {
  createGongFlowsClient,
  type GongAttemptEvent,
  type GongAttemptHook,
  type GongAttemptSettledEvent,
  type OperationName,
  type RequestOptions,
} from "../src/index.js";

describe("the attempt hook's types", () => {
  it("is an option of the client and of each call", () => {
    expectTypeOf(createGongFlowsClient)
      .parameter(0)
      .exclude<undefined>()
      .toHaveProperty("onAttempt")
      .toEqualTypeOf<GongAttemptHook | undefined>();
    expectTypeOf<RequestOptions["onAttempt"]>().toEqualTypeOf<GongAttemptHook | undefined>();
    expectTypeOf<GongAttemptHook>().parameters.toEqualTypeOf<[GongAttemptEvent]>();
  });

  it("tells `sending` from `settled` by `type`, and only `settled` carries the outcome", () => {
    const hook: GongAttemptHook = (event) => {
      expectTypeOf(event.type).toEqualTypeOf<"sending" | "settled">();
      expectTypeOf(event.operation).toEqualTypeOf<OperationName | undefined>();
      expectTypeOf(event.attempt).toEqualTypeOf<number>();
      expectTypeOf(event.ids).toEqualTypeOf<readonly string[]>();
      if (event.type === "sending") {
        expectTypeOf(event.hold).toEqualTypeOf<() => void>();
        expectTypeOf(event).not.toHaveProperty("mayHaveActed");
      } else {
        expectTypeOf(event).toEqualTypeOf<GongAttemptSettledEvent>();
        expectTypeOf(event.sent).toEqualTypeOf<boolean>();
        expectTypeOf(event.status).toEqualTypeOf<number | undefined>();
        expectTypeOf(event.mayHaveActed).toEqualTypeOf<boolean>();
        expectTypeOf(event).not.toHaveProperty("hold");
      }
    };
    expectTypeOf(hook).toBeFunction();
  });
});
