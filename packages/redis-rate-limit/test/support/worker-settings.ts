import type { ClientWorkerSettings, WorkerSettings } from "./processes.js";

/** Where a test's processes work: their Redis, the recording server, and the limit they share. */
export interface WorkerTarget {
  readonly redisUrl: string;
  readonly serverUrl: string;
  readonly requestsPerSecond: number;
}

let keyCounter = 0;

/** Settings for `count` store processes sharing one fresh Redis key (10 requests each, unless told). */
export function storeWorkers(
  target: WorkerTarget,
  count: number,
  settings: Partial<WorkerSettings> = {},
): WorkerSettings[] {
  const key = `multi:${process.pid}:${++keyCounter}`;
  return Array.from({ length: count }, (_, id) => ({
    id,
    key,
    ...target,
    requests: 10,
    runForMs: 30_000,
    ...settings,
  }));
}

/** Settings for `count` client processes sharing one fresh Redis key (10 calls each, unless told). */
export function clientWorkers(
  target: WorkerTarget,
  count: number,
  settings: Partial<ClientWorkerSettings> = {},
): ClientWorkerSettings[] {
  const key = `client:${process.pid}:${++keyCounter}`;
  return Array.from({ length: count }, (_, id) => ({ id, key, ...target, calls: 10, ...settings }));
}
