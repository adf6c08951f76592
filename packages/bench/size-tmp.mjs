import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const r = await build({ entryPoints: ["../client/src/index.ts"], bundle: true, minify: true, format: "esm", platform: "neutral", mainFields: ["module","main"], target: "es2022", write: false, metafile: true, logLevel: "silent", define: { __GONG_FLOWS_CLIENT_VERSION__: '"0.1.0"' } });
const b = r.outputFiles[0].contents;
console.log("min", b.byteLength, "gzip", gzipSync(b, { level: 9 }).byteLength);
const meta = Object.values(r.metafile.outputs)[0];
for (const [p, i] of Object.entries(meta.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)) console.log(i.bytesInOutput, p);
