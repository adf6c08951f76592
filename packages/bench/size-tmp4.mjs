import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readdirSync } from "node:fs";
const dir = "../client/src/";
const files = readdirSync(dir).filter(f => f.endsWith(".ts")).map(f => dir + f).concat(readdirSync(dir + "generated").map(f => dir + "generated/" + f));
let total = 0;
for (const f of files) {
  const r = await build({ entryPoints: [f], bundle: false, minify: true, format: "esm", platform: "neutral", target: "es2022", write: false, logLevel: "silent", define: { __GONG_FLOWS_CLIENT_VERSION__: '"0.1.0"' } });
  const b = r.outputFiles[0].contents;
  const g = gzipSync(b, { level: 9 }).byteLength; total += g;
  console.log(String(b.byteLength).padStart(6), String(g).padStart(6), f.replace(dir, ""));
}
console.log("sum gzip", total);
