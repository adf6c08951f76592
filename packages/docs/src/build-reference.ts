import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpec } from "@gong-flows/spec-reader";
import { markDecisions } from "./decision-notes.js";
import { addRateLimitNotes } from "./rate-limit-notes.js";
import { renderPage } from "./render-page.js";

/** The spec every page is built from, and where `pnpm build` writes the page. */
export const defaultSpecPath = new URL("../../../spec/openapi.yaml", import.meta.url);
export const defaultPagePath = new URL("../dist/api-reference.html", import.meta.url);

/** Reads the spec, adds the notes the page needs (decisions, rate limits), renders and writes the page. */
export async function buildReference(specPath: URL | string, pagePath: URL | string): Promise<{ bytes: number }> {
  const spec = await readSpec(specPath instanceof URL ? fileURLToPath(specPath) : specPath);
  const annotated = addRateLimitNotes(markDecisions(spec));
  const info = annotated.info as { title?: unknown } | undefined;
  const title = `${typeof info?.title === "string" ? info.title : "API"} — reference`;
  const html = await renderPage(annotated, title);
  const target = pagePath instanceof URL ? pagePath : new URL(`file://${pagePath}`);
  await mkdir(dirname(target.pathname), { recursive: true });
  await writeFile(target, html);
  return { bytes: Buffer.byteLength(html) };
}
