import { http, type HttpHandler } from "msw";
import { adminHandlers } from "./admin.js";
import { errorAnswer, newRequestId } from "./answers.js";
import { operationNames, type GongMock } from "./mock.js";
import { defaultBaseUrl, normalizeBaseUrl, operationPaths } from "./routes.js";

/** Options of {@link gongHandlers}. */
export interface GongHandlersOptions {
  /** Where the handlers listen. Default `https://api.gong.io`, the client's default. */
  baseUrl?: string | undefined;
  /** Also serve the admin surface under `<baseUrl>/_mock/`. Default true. */
  admin?: boolean | undefined;
}

/**
 * MSW request handlers that answer Gong's three Engage-flow operations from `mock`, for
 * `setupServer(...)` (Node: vitest, jest) or `setupWorker(...)` (a browser). Requests to the
 * operations' paths with another method get 405 with `Allow: POST`.
 *
 * @example
 * ```ts
 * const mock = createGongMock();
 * const server = setupServer(...gongHandlers(mock));
 * ```
 */
export function gongHandlers(mock: GongMock, options: GongHandlersOptions = {}): HttpHandler[] {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const handlers = operationNames.flatMap((operation) => {
    const url = `${baseUrl}${operationPaths[operation]}`;
    return [
      http.post(url, ({ request }) => mock.handle(operation, request)),
      http.all(url, ({ request }) =>
        errorAnswer(
          405,
          newRequestId(),
          [`${request.method} is not allowed on ${operationPaths[operation]}: use POST.`],
          { allow: "POST" },
        ),
      ),
    ];
  });
  return options.admin === false ? handlers : [...handlers, ...adminHandlers(mock, baseUrl)];
}
