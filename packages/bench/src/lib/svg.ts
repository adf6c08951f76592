/** Small helpers for the bench's charts: plain SVG text, no library and no browser. */

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A number as SVG writes it: at most two decimals, no trailing zeros. */
export const num = (value: number): string => String(Math.round(value * 100) / 100);

/** One element with its attributes (undefined ones left out) and its children or text. */
export function el(name: string, attributes: Record<string, string | number | undefined>, content = ""): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value as string)}"`)
    .join("");
  return content === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** A text element; `text` is escaped. */
export function label(
  x: number,
  y: number,
  text: string,
  attributes: Record<string, string | number | undefined> = {},
): string {
  return el("text", { x, y, ...attributes }, escapeXml(text));
}

/** The whole document, with a title for screen readers and a white background (GitHub's dark theme). */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img">`,
    el("title", {}, escapeXml(title)),
    el("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function ticks(max: number, count = 5): number[] {
  const raw = Math.max(max, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const values: number[] = [];
  for (let value = 0; value < max + step; value += step) values.push(value);
  return values;
}

/** The charts' colours: one per series, and red for a limit or bound. */
export const seriesColours = ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
export const limitColour = "#d62728";
/** A label without Markdown's backticks. */
export const plain = (text: string): string => text.replace(/`/g, "");
