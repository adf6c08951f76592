import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const stubs = process.argv.slice(2);
const plugin = { name: "stub", setup(b) { b.onLoad({ filter: /client\/src\/.*\.ts$/ }, async (args) => {
  for (const s of stubs) { const i = s.indexOf("="); const file = s.slice(0, i), contents = s.slice(i + 1); if (args.path.endsWith(file)) return { contents, loader: "ts" }; }
  return undefined; }); } };
const r = await build({ entryPoints: ["../client/src/index.ts"], bundle: true, minify: true, format: "esm", platform: "neutral", target: "es2022", write: false, logLevel: "silent", define: { __GONG_FLOWS_CLIENT_VERSION__: '"0.1.0"' }, plugins: [plugin] });
const b = r.outputFiles[0].contents;
console.log("min", b.byteLength, "gzip", gzipSync(b, { level: 9 }).byteLength);
