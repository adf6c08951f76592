import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import redoc, { type RedocRawOptions } from "redoc";
import { ServerStyleSheet } from "styled-components";

const require = createRequire(import.meta.url);
// Redoc's library build is CommonJS whose names Node cannot list for an ESM import.
const { createStore, Redoc } = redoc;

/**
 * Redoc's options for the page: every response open, so that each schema and example is on the
 * page without a click; required properties first; no link that would fetch the spec from a URL.
 */
export const redocOptions: RedocRawOptions = {
  expandResponses: "all",
  requiredPropsFirst: true,
  jsonSampleExpandLevel: "all",
  hideDownloadButton: true,
  expandSingleSchemaField: true,
  pathInMiddlePanel: true,
};

/**
 * Things Redoc's browser bundle fetches from another host, each replaced by a local equivalent:
 * the Redocly logo beside the sidebar's "API docs by Redocly" link, which it loads from a CDN after
 * the page starts (no option turns it off); an empty source makes the image hide itself.
 */
const outsideResources: readonly { readonly url: string; readonly local: string }[] = [
  { url: '"https://cdn.redoc.ly/redoc/logo-mini.svg"', local: '""' },
];

/** Redoc's standalone bundle, with nothing in it that reaches another host. */
async function offlineBundle(): Promise<string> {
  const path = require.resolve("redoc/bundles/redoc.standalone.js");
  let bundle = await readFile(path, "utf8");
  for (const { url, local } of outsideResources) {
    // Exactly once: a Redoc that changed how it loads the resource must be looked at again.
    const found = bundle.split(url).length - 1;
    if (found !== 1)
      throw new Error(
        `${path}: expected ${url} once, found it ${found} times; check what this Redoc loads from outside`,
      );
    bundle = bundle.replace(url, local);
  }
  return bundle;
}

/** Escapes what would end a `<script>` element early inside inlined JavaScript or JSON. */
function scriptSafe(text: string): string {
  return text
    .replace(/<\/script/gi, "<\\/script")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Renders the whole page as one HTML file: Redoc's server-side rendering (readable before any script
 * runs), its styles, its standalone browser bundle inlined, and the state it hydrates from. The page
 * names no other file and no host: no CDN script, no web font (Redoc's Google Fonts link belongs to
 * the CLI's template, which is not used), no telemetry.
 */
export async function renderPage(spec: Record<string, unknown>, title: string): Promise<string> {
  const store = await createStore(spec, undefined, redocOptions);
  const sheet = new ServerStyleSheet();
  try {
    const body = renderToString(sheet.collectStyles(createElement(Redoc, { store })));
    const state = JSON.stringify(await store.toJS());
    const bundle = await offlineBundle();
    return [
      "<!DOCTYPE html>",
      '<html lang="en">',
      "<head>",
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title>`,
      "<style>body { padding: 0; margin: 0; }</style>",
      sheet.getStyleTags(),
      `<script>${scriptSafe(bundle)}</script>`,
      "</head>",
      "<body>",
      `<div id="redoc">${body}</div>`,
      `<script>const __redoc_state = ${scriptSafe(state)};\nRedoc.hydrate(__redoc_state, document.getElementById("redoc"));</script>`,
      "</body>",
      "</html>",
      "",
    ].join("\n");
  } finally {
    sheet.seal();
  }
}
