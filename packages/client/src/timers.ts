/**
 * The longest delay `setTimeout` takes: 2^31-1 ms (24.8 days). A longer one fires at once (Node warns
 * with a TimeoutOverflowWarning; browsers say nothing), which would turn a 30-day hold into a busy loop
 * and `timeoutMs: 3e9` into an immediate timeout.
 */
const maxTimerMs = 2 ** 31 - 1;

/** A pending timer from {@link setLongTimeout}. */
export interface LongTimer {
  cancel(): void;
}

/**
 * `setTimeout` for any delay: a delay past 2^31-1 ms is waited in chunks, each timer re-armed with
 * what is left, so that every wait the options accept (timeouts, backoff, holds) lasts as long as it
 * says. Every wait of the client goes through here.
 */
export function setLongTimeout(callback: () => void, ms: number): LongTimer {
  let handle: ReturnType<typeof setTimeout>;
  const start = (remaining: number) => {
    handle =
      remaining > maxTimerMs
        ? setTimeout(() => start(remaining - maxTimerMs), maxTimerMs)
        : setTimeout(callback, Math.max(0, remaining));
  };
  start(ms);
  return { cancel: () => clearTimeout(handle) };
}

/**
 * Resolves after `ms` milliseconds, or rejects with the reason of the first of `signals` to abort: the
 * caller's signal ends any wait (backoff, Retry-After, rate limiter) at once.
 */
export function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  const aborted = signals.find((signal) => signal?.aborted);
  if (aborted) return Promise.reject(aborted.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const detach = () => {
      for (const signal of signals) signal?.removeEventListener("abort", onAbort);
    };
    function onAbort(this: AbortSignal) {
      timer.cancel();
      detach();
      reject(this.reason);
    }
    const timer = setLongTimeout(() => {
      detach();
      resolve();
    }, ms);
    for (const signal of signals) signal?.addEventListener("abort", onAbort, { once: true });
  });
}
