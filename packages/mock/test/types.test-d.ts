// The mock's types derive from the spec (through @gong-flows/client): operation names, the data it
// holds, the answers it counts. A change of the spec's operations or AssignedFlow reaches them here.
import type { components, OperationName, paths } from "@gong-flows/client";
import type { HttpHandler } from "msw";
import { describe, expectTypeOf, it } from "vitest";
import {
  createGongMock,
  gongHandlers,
  type GongMock,
  type GongMockFault,
  type GongMockDataSet,
  type GongMockStats,
  type operationNames,
  type operationPaths,
} from "../src/index.js";
import { startGongMock, type RunningGongMock } from "../src/node.js";

/** The spec's AssignedFlow as written, which the mock's data holds to. */
type AssignedFlow = components["schemas"]["AssignedFlow"];

describe("types derived from the spec", () => {
  it("serves every operation of the spec, and counts each one", () => {
    type Served = (typeof operationNames)[number];
    expectTypeOf<Served>().toEqualTypeOf<OperationName>();
    expectTypeOf<keyof GongMockStats["calls"]>().toEqualTypeOf<Served | "total">();
    expectTypeOf<NonNullable<GongMockFault["operation"]>>().toEqualTypeOf<Served>();
    expectTypeOf<keyof typeof operationPaths>().toEqualTypeOf<Served>();
    expectTypeOf<(typeof operationPaths)[Served]>().toExtend<keyof paths>();
  });

  it("holds the spec's AssignedFlow", () => {
    expectTypeOf<GongMock["seed"]>().parameter(0).toEqualTypeOf<readonly AssignedFlow[] | GongMockDataSet>();
    expectTypeOf(createGongMock)
      .parameter(0)
      .exclude<undefined>()
      .toHaveProperty("assignedFlows")
      .toEqualTypeOf<readonly AssignedFlow[] | undefined>();
    createGongMock({
      // @ts-expect-error -- a status outside the spec's enum is not an AssignedFlow
      assignedFlows: [{ flowInstanceId: "i", crmProspectId: "p", flowId: "f", flowInstanceStatus: "Stopped" }],
    });
  });

  it("gives MSW handlers and a server", () => {
    expectTypeOf(gongHandlers).returns.toEqualTypeOf<HttpHandler[]>();
    expectTypeOf(startGongMock).returns.resolves.toEqualTypeOf<RunningGongMock>();
  });

  it("takes one kind of fault at a time", () => {
    expectTypeOf<{ status: 503 }>().toExtend<GongMockFault>();
    expectTypeOf<{ loseAnswer: true; operation: "unassignFlowsByFlowInstanceIds" }>().toExtend<GongMockFault>();
    // @ts-expect-error -- not an operation of the spec
    const wrong: GongMockFault = { status: 500, operation: "listEverything" };
    void wrong;
  });
});
