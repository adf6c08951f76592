/**
 * When each request reached the mock, for requests that waited before their handler ran (the HTTP
 * server reads the whole body and goes through MSW first). Gong's limits count a call when it
 * arrives; stamping it when the handler runs instead would let a slow first request push a client
 * that is pacing itself correctly over the per-second limit.
 */
const arrivals = new WeakMap<Request, number>();

/** Records when `request` arrived (the mock's clock). */
export function markArrival(request: Request, at: number): void {
  arrivals.set(request, at);
}

/** When `request` arrived, if a server recorded it. */
export function arrivalOf(request: Request): number | undefined {
  return arrivals.get(request);
}
