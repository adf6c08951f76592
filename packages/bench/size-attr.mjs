import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
const plugin = { name: "mark", setup(b) { b.onLoad({ filter: /client\/src\/.*\.ts$/ }, async (args) => {
  const text = await readFile(args.path, "utf8");
  return { contents: `/*! MARK-START ${args.path.replace(/.*client\/src\//, "")} */\n${text}\n/*! MARK-END */\n`, loader: "ts" }; }); } };
const r = await build({ entryPoints: ["../client/src/index.ts"], bundle: true, minify: true, legalComments: "inline", format: "esm", platform: "neutral", target: "es2022", write: false, logLevel: "silent", define: { __GONG_FLOWS_CLIENT_VERSION__: '"0.1.0"' }, plugins: [plugin] });
const full = new TextDecoder().decode(r.outputFiles[0].contents);
const clean = full.replace(/\/\*! MARK-(START [^*]*|END) \*\/\n?/g, "");
const g = (s) => gzipSync(s, { level: 9 }).length;
console.log("total gzip", g(clean));
// attribute: remove each file's region and measure the drop
const re = /\/\*! MARK-START ([^*]*) \*\/\n?([\s\S]*?)\/\*! MARK-END \*\/\n?/g;
const regions = [...full.matchAll(re)].map((m) => ({ file: m[1].trim(), text: m[2] }));
const rows = [];
for (const region of regions) {
  const without = clean.replace(region.text, "");
  rows.push([g(clean) - g(without), region.text.length, region.file]);
}
rows.sort((a, b) => b[0] - a[0]);
for (const row of rows) console.log(String(row[0]).padStart(6), String(row[1]).padStart(6), row[2]);
