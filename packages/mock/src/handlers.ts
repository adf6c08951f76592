import type { MockOperationName } from "./routes.js";
import { http, type HttpHandler } from "msw";
import { adminHandlers } from "./admin.js";
import { errorResponse, newRequestId } from "./responses.js";
import type { GongMock } from "./mock.js";
import { mockOperations } from "./operations/index.js";
import { defaultBaseUrl, normalizeBaseUrl, operationNames, operationPaths } from "./routes.js";

/** Options of {@link gongHandlers}. */
export interface GongHandlersOptions {
  /** Where the handlers listen. Default `https://api.gong.io`, the client's default. */
  baseUrl?: string | undefined;
  /** Also serve the admin surface under `<baseUrl>/_mock/`. Default true. */
  admin?: boolean | undefined;
}

/** MSW's route builder for each HTTP method an operation is served on. */
const httpMethods = { GET: http.get, POST: http.post } as const;

/** MSW's form of a path template: `/bulk-assignments/{id}` → `/bulk-assignments/:id`. */
const mswPath = (path: string) => path.replace(/\{([^}]+)\}/g, ":$1");

/**
 * MSW request handlers that answer Gong's Engage-flow operations from `mock`, for `setupServer(...)`
 * (Node: vitest, jest) or `setupWorker(...)` (a browser). Requests to the operations' paths with
 * another method get 405 with `Allow` naming the method served there.
 *
 * @example
 * ```ts
 * const mock = createGongMock();
 * const server = setupServer(...gongHandlers(mock));
 * ```
 */
export function gongHandlers(mock: GongMock, options: GongHandlersOptions = {}): HttpHandler[] {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const handlers = operationNames.flatMap((operation: MockOperationName) => {
    const path = operationPaths[operation];
    const { method } = mockOperations[operation];
    return [
      httpMethods[method](`${baseUrl}${mswPath(path)}`, ({ request }) => mock.handle(operation, request)),
      http.all(`${baseUrl}${mswPath(path)}`, ({ request }) =>
        errorResponse(405, newRequestId(), [`${request.method} is not allowed on ${path}: use ${method}.`], {
          allow: method,
        }),
      ),
    ];
  });
  return options.admin === false ? handlers : [...handlers, ...adminHandlers(mock, baseUrl)];
}
