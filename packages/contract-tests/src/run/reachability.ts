/** The target did not answer at all (a wrong port, a name that does not resolve): the run could not begin (exit code 2). */
export class TargetUnreachableError extends Error {
  override name = "TargetUnreachableError";
}

/**
 * Sends one request without credentials to the target's base URL and resolves once any HTTP answer
 * comes back, whatever its status. Without this, a target that cannot be reached fails every check,
 * and the run reads as a list of contract violations with counterexamples instead of one sentence.
 *
 * @throws {@link TargetUnreachableError} `could not reach URL (ECONNREFUSED)` when no answer comes.
 */
export async function checkReachable(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(baseUrl, { method: "GET", redirect: "manual", signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]) });
    await response.body?.cancel();
  } catch (error) {
    signal?.throwIfAborted();
    throw new TargetUnreachableError(`could not reach ${baseUrl} (${reasonOf(error, timeoutMs)})`);
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
