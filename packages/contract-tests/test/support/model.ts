// The spec's model, read and built once per worker and shared by every test file that imports it
// (the run does not isolate files, so each worker evaluates this module once).
import { clientMethods } from "../../src/checks/client-methods.js";
import { loadContractModel } from "../../src/spec/model.js";

export const model = await loadContractModel();

/** The operations the suite checks: those @gong-flows/client has a method for (the run's rule too). */
export const coveredOperations = model.operations.filter((operation) => operation.operationId in clientMethods);

/** How a check words the spec's flow-instance statuses: `one of "Running", …`, read from the spec. */
export const documentedStatuses = `one of ${(
  model.spec["components"] as { schemas: { FlowInstanceStatus: { enum: string[] } } }
).schemas.FlowInstanceStatus.enum
  .map((status) => JSON.stringify(status))
  .join(", ")}`;
