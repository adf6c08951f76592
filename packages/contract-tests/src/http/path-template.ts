// The spec's paths are templates (`/v2/flows/prospects/bulk-assignments/{id}`); requests have real paths.
/**
 * A matcher of the paths of the spec's path templates (`/v2/x/{id}`: any one non-empty segment for
 * `{id}`), as a request's path is compared with the operations of a run.
 */
export function pathTemplateMatcher(templates: readonly string[]): (path: string) => boolean {
  const patterns = templates.map((template) => templatePattern(template));
  return (path) => patterns.some((pattern) => pattern.test(path));
}

/** The regular expression of one path template; `capture` captures each template segment in order. */
export function templatePattern(template: string, capture = false): RegExp {
  const segment = capture ? "([^/]+)" : "[^/]+";
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? segment : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** The values of a path's template segments (`{id}` → `job-1`), decoded; none when it does not match. */
export function pathValues(template: string, path: string): Record<string, string> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
  const segments = templatePattern(template, true).exec(path);
  if (!segments) return {};
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(segments[i + 1] ?? "")]));
}

/**
 * The URL of a request with its parameters replaced: the path's template segments filled from `path`
 * (percent-encoded), the query made of `query` (a list as the name repeated, nothing for an absent
 * value), each value as text. The part of the path before the template (a base URL's path) is kept.
 */
export function withParameters(
  url: URL,
  template: string,
  query: Readonly<Record<string, unknown>>,
  path: Readonly<Record<string, unknown>>,
): URL {
  const next = new URL(url);
  const anywhere = new RegExp(`${templatePattern(template).source.slice(1, -1)}$`);
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path[name] ?? "")));
  next.pathname = url.pathname.replace(anywhere, "") + filled;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined && item !== null) search.append(name, String(item));
  }
  next.search = search.toString();
  return next;
}
