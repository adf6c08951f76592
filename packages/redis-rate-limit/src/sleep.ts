/** The longest delay `setTimeout` takes as given; longer ones fire at once (with a warning) in Node. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Resolves once `performance.now()` has reached `target`, or rejects with the signal's reason as soon
 * as `signal` aborts. One timer at a time, re-armed: for waits past 2^31-1 ms (24.8 days), and when a
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
    const arm = () => {
      const left = target - performance.now();
      if (left <= 0) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
        return;
      }
      timer = setTimeout(arm, Math.min(Math.ceil(left), maxTimerMs));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    arm();
  });
}

/** {@link sleepUntil} `ms` from now. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepUntil(performance.now() + ms, signal);
}
