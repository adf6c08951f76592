import { naiveLoopArm, retryingLoopArm } from "./bulk-arms.js";
import type { BulkArm } from "./bulk.js";
import { clientArms, clientBulkArm, type loadClient } from "./client-arms.js";
import type { OverheadArm } from "./overhead.js";
import { openapiFetchArm, rawFetchArm } from "./overhead-arms.js";

type LoadedClient = Awaited<ReturnType<typeof loadClient>>;

/** Every arm of the per-call overhead benchmark; the client's only when its build has the client. */
export function overheadArmsFor(baseUrl: string, client: LoadedClient): OverheadArm[] {
  return [rawFetchArm(baseUrl), openapiFetchArm(baseUrl), ...(client.ok ? clientArms(baseUrl) : [])];
}

/** Every arm of the bulk benchmark; the client's only when its build has the client. */
export function bulkArmsFor(client: LoadedClient, requestsPerSecond: number): BulkArm[] {
  return [...(client.ok ? [clientBulkArm(requestsPerSecond)] : []), naiveLoopArm(), retryingLoopArm()];
}
