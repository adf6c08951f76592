import { describe, expectTypeOf, it } from "vitest";
import type { AssignedFlow, components } from "../src/index.js";

describe("generated types", () => {
  it("types the flow instance status as the documented union", () => {
    expectTypeOf<NonNullable<AssignedFlow["flowInstanceStatus"]>>().toEqualTypeOf<"Running" | "Pending" | "Paused">();
  });
  it("spells the list request's array crmProspectsIds", () => {
    expectTypeOf<components["schemas"]["ListAssignedFlowsRequest"]>().toEqualTypeOf<{ crmProspectsIds: string[] }>();
  });
});
