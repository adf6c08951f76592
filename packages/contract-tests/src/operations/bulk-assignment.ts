import type { BulkAssignmentRequest } from "@gong-flows/client";
import { type OperationContract, responseBodies } from "./operation.js";

/** `submitBulkAssignment`: the job the 202 holds, as answered. */
export const submitBulkAssignment: OperationContract = {
  call: (client, input) => client.submitBulkAssignment(input as BulkAssignmentRequest),
  expectedResult: (exchanges) => responseBodies(exchanges)[0],
};

/** `getBulkAssignment`: the job, as answered; the method takes the path parameter `id` alone. */
export const getBulkAssignment: OperationContract = {
  call: (client, input) => client.getBulkAssignment((input as { id: string }).id),
  expectedResult: (exchanges) => responseBodies(exchanges)[0],
};
