import type { ObservedResponse } from "./exchange.js";

/** One request a client sent through the recording fetch, and the answer it got (if forwarded). */
export interface RecordedExchange {
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
  /** The answer, or undefined when the request was not forwarded (or got no answer). */
  response: ObservedResponse | undefined;
}

/** A `fetch` for `createGongFlowsClient({ fetch })` that records every request it is given. */
export interface RecordingFetch {
  fetch(request: Request): Promise<Response>;
  readonly exchanges: RecordedExchange[];
}

/** Options of {@link createRecordingFetch}. */
export interface RecordingFetchOptions {
  /** A Prism `Prefer` header added to every forwarded request, forcing the answer. */
  prefer?: string | undefined;
  /**
   * Whether a request may reach the server. A refused one is recorded and fails like a network
   * error, so that a client bug can never unassign anything on a live account that forbids writes.
   */
  mayForward?: (url: URL) => boolean;
}

/**
 * Records, at the fetch layer, exactly what a client sends (method, URL, headers, body text), then
 * forwards it to `globalThis.fetch` and records the answer too. Sits beneath the client's retries and
 * rate limit, so every attempt is seen.
 */
export function createRecordingFetch(options: RecordingFetchOptions = {}): RecordingFetch {
  const exchanges: RecordedExchange[] = [];
  return {
    exchanges,
    async fetch(request) {
      const bodyText = request.body === null ? "" : await request.clone().text();
      const recorded: RecordedExchange = {
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        bodyText,
        response: undefined,
      };
      exchanges.push(recorded);
      if (options.mayForward && !options.mayForward(recorded.url)) {
        throw new TypeError(`not forwarded: ${request.method} ${recorded.url.pathname} is not allowed on this target`);
      }
      const headers = new Headers(request.headers);
      if (options.prefer) headers.set("prefer", options.prefer);
      const answer = await globalThis.fetch(request.url, {
        method: request.method,
        headers,
        body: request.body === null ? null : bodyText,
        signal: request.signal,
        redirect: "manual",
      });
      const text = await answer.clone().text();
      recorded.response = { status: answer.status, headers: answer.headers, bodyText: text };
      return answer;
    },
  };
}
