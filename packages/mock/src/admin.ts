import { http, type HttpHandler } from "msw";
import { jsonResponse } from "./responses.js";
import { parseDataSet } from "./data-set.js";
import { parseFault } from "./faults.js";
import { GongMockInputError } from "./issues.js";
import type { GongMock } from "./mock.js";

/**
 * The admin surface under `<baseUrl>/_mock/`, outside Gong's paths: the same data as the mock's
 * methods, for tests in other languages and for CI jobs.
 *
 * | route | answer |
 * |---|---|
 * | `GET /_mock/stats` | {@link GongMock.stats} |
 * | `GET /_mock/flow-instances` | `{ "flowInstances": [...] }`: {@link GongMock.flowInstances} |
 * | `GET /_mock/catalogue` | `{ "flows", "folders", "steps", "crmProspects" }`: {@link GongMock.catalogue} |
 * | `POST /_mock/reset` | back to the data set the mock started with, counters zeroed, faults dropped; 204 |
 * | `POST /_mock/seed` | body: a data set (as `--data`); adds it; 204 |
 * | `POST /_mock/faults` | body: one fault ({@link GongMockFault}); queues it; 204 |
 * | `GET /_mock/faults` | `{ "faults": [...] }`: the queued faults |
 * | `DELETE /_mock/faults` | drops every queued fault; 204 |
 * | `GET /_mock/held` | `{ "held": [...] }`: the calls a `hold` fault keeps waiting ({@link GongMock.held}) |
 * | `POST /_mock/release` | body `{ "hold": "name" }` or none (every held call); answers `{ "released": n }` once they are answered |
 *
 * Bad input gets 400 `{ "errors": ["/pointer: problem", ...] }`.
 */
export function adminHandlers(mock: GongMock, baseUrl: string): HttpHandler[] {
  const at = (path: string) => `${baseUrl}/_mock${path}`;
  return [
    http.get(at("/stats"), () => jsonResponse(200, mock.stats())),
    http.get(at("/flow-instances"), () => jsonResponse(200, { flowInstances: mock.flowInstances() })),
    http.get(at("/catalogue"), () => jsonResponse(200, mock.catalogue())),
    http.post(at("/reset"), () => {
      mock.reset();
      return new Response(null, { status: 204 });
    }),
    http.post(at("/seed"), ({ request }) =>
      withJsonBody(request, "POST /_mock/seed", (body) => {
        mock.seed(parseDataSet(body, "POST /_mock/seed"));
      }),
    ),
    http.post(at("/faults"), ({ request }) =>
      withJsonBody(request, "POST /_mock/faults", (body) => {
        mock.injectFault(parseFault(body, "POST /_mock/faults"));
      }),
    ),
    http.get(at("/faults"), () => jsonResponse(200, { faults: mock.pendingFaults() })),
    http.delete(at("/faults"), () => {
      mock.clearFaults();
      return new Response(null, { status: 204 });
    }),
    http.get(at("/held"), () => jsonResponse(200, { held: mock.held() })),
    http.post(at("/release"), async ({ request }) => {
      const text = (await request.text()).trim();
      let hold: unknown;
      try {
        hold = text === "" ? undefined : (JSON.parse(text) as { hold?: unknown }).hold;
      } catch {
        return jsonResponse(400, { errors: ["POST /_mock/release: the body is not valid JSON"] });
      }
      if (hold !== undefined && (typeof hold !== "string" || hold === ""))
        return jsonResponse(400, { errors: ["/hold: must be a non-empty string"] });
      return jsonResponse(200, { released: await mock.release(hold) });
    }),
    http.all(at("/*"), ({ request }) =>
      jsonResponse(404, {
        errors: [
          `No admin route ${request.method} ${new URL(request.url).pathname}; see the README of @gong-flows/mock.`,
        ],
      }),
    ),
  ];
}

/** Parses the JSON body, runs `act`, and answers 204, or 400 naming what was wrong. */
async function withJsonBody(request: Request, source: string, act: (body: unknown) => void): Promise<Response> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return jsonResponse(400, { errors: [`${source}: the body is not valid JSON`] });
  }
  try {
    act(body);
  } catch (error) {
    if (error instanceof GongMockInputError) {
      return jsonResponse(400, {
        errors: error.issues.map((issue) => `${issue.path === "" ? "(body)" : issue.path}: ${issue.message}`),
      });
    }
    throw error;
  }
  return new Response(null, { status: 204 });
}
