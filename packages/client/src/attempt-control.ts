import { type LongTimer, setLongTimeout } from "./timers.js";

/** One attempt's signal, and the per-attempt timeout that aborts it. */
export type AttemptControl = ReturnType<typeof controlAttempt>;

/**
 * An AbortSignal for one attempt: aborted by the caller's signal; by a stopped batch while the request
 * has not left yet; and by the per-attempt timeout, which starts when the request leaves. Built by hand
 * (not AbortSignal.any/timeout, which not every supported runtime has) so a timeout is told apart.
 */
export function controlAttempt(callerSignal: AbortSignal | undefined, stop: AbortSignal | undefined) {
  const controller = new AbortController();
  let timedOut = false;
  let timer: LongTimer | undefined;
  const onAbort = () => controller.abort(callerSignal?.reason);
  const onStop = () => controller.abort(stop?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  stop?.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    /** The request leaves now: a stopped batch no longer cancels it, and its time starts. */
    sending(timeoutMs: number) {
      stop?.removeEventListener("abort", onStop);
      timer = setLongTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    },
    dispose() {
      timer?.cancel();
      callerSignal?.removeEventListener("abort", onAbort);
      stop?.removeEventListener("abort", onStop);
    },
  };
}
