// Calls the mock's core directly (`mock.handle`), without HTTP or MSW: the behaviour tests use it, and
// the transport tests (MSW, the server, the CLI) show that the same answers come out of each door.
import { type GongMock, type GongMockClock, operationNames } from "../../src/index.js";

/** Every operation's call count at 0: a test spreads it and sets the counts it expects. */
export const noCalls: Readonly<Record<(typeof operationNames)[number], number>> = Object.freeze(
  Object.fromEntries(operationNames.map((name) => [name, 0])) as Record<(typeof operationNames)[number], number>,
);

export const basicAuth = `Basic ${Buffer.from("test-key:test-secret").toString("base64")}`;

export interface CallOptions {
  /** The Authorization header; default {@link basicAuth}; null for none. */
  authorization?: string | null | undefined;
  contentType?: string;
  /** A body sent as is instead of `JSON.stringify(body)`. */
  rawBody?: string;
}

export interface CallResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function call(
  mock: GongMock,
  operation: Parameters<GongMock["handle"]>[0],
  body: unknown,
  options: CallOptions = {},
): Promise<CallResponse> {
  const headers = new Headers({ "content-type": options.contentType ?? "application/json" });
  const authorization = options.authorization === undefined ? basicAuth : options.authorization;
  if (authorization !== null) headers.set("authorization", authorization);
  const request = new Request("http://mock.test/", {
    method: "POST",
    headers,
    body: options.rawBody ?? JSON.stringify(body),
  });
  const response = await mock.handle(operation, request);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A clock that only moves when told to; `sleep` records what was asked and returns at once. */
export function manualClock(
  startIso = "2025-06-02T10:00:00.000Z",
): GongMockClock & { advance(ms: number): void; set(iso: string): void; slept: number[] } {
  let now = Date.parse(startIso);
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
    set: (iso) => {
      now = Date.parse(iso);
    },
    slept,
  };
}

/** A GET of `pathAndQuery` (`/v2/flows?flowOwnerEmail=…`), answered by `operation` through the mock's core. */
export async function callGet(
  mock: GongMock,
  operation: Parameters<GongMock["handle"]>[0],
  pathAndQuery: string,
  options: Pick<CallOptions, "authorization"> = {},
): Promise<CallResponse> {
  const headers = new Headers();
  const authorization = options.authorization === undefined ? basicAuth : options.authorization;
  if (authorization !== null) headers.set("authorization", authorization);
  const response = await mock.handle(operation, new Request(`http://mock.test${pathAndQuery}`, { headers }));
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
