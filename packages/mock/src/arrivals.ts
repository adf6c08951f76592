/**
 * When each request reached the mock, for requests that waited before their handler ran: Gong's limits
 * count a call on arrival (docs/design/mock.md, when a request arrived).
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
