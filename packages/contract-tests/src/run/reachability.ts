import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** The target did not answer at all (a wrong port, a name that does not resolve): the run could not begin (exit code 2). */
export class TargetUnreachableError extends Error {
  /** `"TargetUnreachableError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "TargetUnreachableError";
}

/**
 * Resolves once the target gives any HTTP response to one request without credentials, on a connection
 * of its own, so an unreachable target is one sentence rather than a list of violations.
 *
 * @throws {@link TargetUnreachableError} `could not reach URL (ECONNREFUSED)` when no answer comes.
 */
export async function checkReachable(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const url = new URL(baseUrl);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  try {
    await new Promise<void>((resolve, reject) => {
      const request = send(
        url,
        { method: "GET", agent: false, timeout: timeoutMs, ...(signal === undefined ? {} : { signal }) },
        (response) => {
          response.resume();
          request.destroy();
          resolve();
        },
      );
      request.on("timeout", () =>
        request.destroy(
          Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: `no answer within ${timeoutMs} ms` }),
        ),
      );
      request.on("error", reject);
      request.end();
    });
  } catch (error) {
    signal?.throwIfAborted();
    const code = (error as NodeJS.ErrnoException).code;
    throw new TargetUnreachableError(
      `could not reach ${baseUrl} (${code ?? (error instanceof Error ? error.message : String(error))})`,
    );
  }
}
