/**
 * What the suite sends and sees at the HTTP level, independent of how it gets there (see
 * transport.ts): the shape of a deliberate request, the answer, and the record of one exchange.
 */

/** How a request differs from the one the client would send: a malformed body, no credentials… */
export interface RequestShape {
  /** The exact body text to send instead of the client's (malformed on purpose, sometimes). */
  bodyText?: string | undefined;
  /** `Content-Type` to send instead of `application/json`. */
  contentType?: string | undefined;
  /** `Authorization` to send instead of the target's: another value, or `null` for none. */
  authorization?: string | null | undefined;
  /** The query parameters to send (an operation without a body), serialized as the client does. */
  query?: Record<string, unknown> | undefined;
  /** The values of the path's template parameters (`{id}`). */
  path?: Record<string, unknown> | undefined;
}

/** An answer as the checks see it. */
export interface ObservedResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

/** One request as it left for the server (after any reshaping), and its answer if one came. */
export interface RecordedExchange {
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
  /** The answer, or undefined when the request was not forwarded or got no answer. */
  response: ObservedResponse | undefined;
}

/** A request with a JSON body (given as a value, or as text that may be malformed on purpose). */
export function jsonRequest(body: unknown, options: Omit<RequestShape, "bodyText"> = {}): RequestShape {
  return { ...options, bodyText: typeof body === "string" ? body : JSON.stringify(body) };
}

/** The JSON value of a body, or undefined when it is absent or not JSON. */
export function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
