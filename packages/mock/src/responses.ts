import type { components } from "@gong-flows/client";

/** The body of every error answer, as the spec defines it. */
export type ErrorBody = components["schemas"]["ErrorResponse"];

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A request id shaped like Gong's (`4al018gzaztcr8nbukw`: 19 lower-case base-36 characters). */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(19));
  let id = "";
  for (const byte of bytes) id += base36[byte % 36];
  return id;
}

/** A JSON answer. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** An error answer with the spec's ErrorResponse body. */
export function errorResponse(
  status: number,
  requestId: string,
  errors: string[],
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { requestId, errors } satisfies ErrorBody, headers);
}

/**
 * The same response, but its body fails after half of it, so the caller cannot tell what the server
 * did (docs/design/mock.md, lost responses).
 */
export async function withLostBody(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const sent = bytes.slice(0, Math.max(1, Math.floor(bytes.length / 2)));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(sent);
    },
    pull(controller) {
      controller.error(
        new Error(
          "gong-flows mock: the connection was lost before the answer was complete (an injected loseAnswer fault)",
        ),
      );
    },
  });
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
