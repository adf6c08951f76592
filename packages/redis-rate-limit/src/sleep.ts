/** The longest delay `setTimeout` takes as given; longer ones fire at once (with a warning) in Node. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Resolves once `performance.now()` has reached `target`, or rejects with the signal's reason as soon
 * as `signal` aborts. One timer at a time, set again: for waits past 2^31-1 ms (24.8 days), and when a
 * timer fires a little early (Node compares against a loop time cached before the timer was set).
 */
export function sleepUntil(target: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const schedule = () => {
      const left = target - performance.now();
      if (left <= 0) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
        return;
      }
      timer = setTimeout(schedule, Math.min(Math.ceil(left), maxTimerMs));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    schedule();
  });
}

/** {@link sleepUntil} `ms` from now. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepUntil(performance.now() + ms, signal);
}

/** What {@link raceDeadline} rejects with when the time is up. */
export const deadlinePassed = Symbol("deadline passed");

/**
 * Settles as `promise` does, unless `ms` pass first (rejects with {@link deadlinePassed}) or `signal`
 * aborts first (rejects with its reason).
 */
export function raceDeadline<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      finish();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    const timer = setTimeout(() => settle(() => reject(deadlinePassed)), Math.min(ms, maxTimerMs));
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
