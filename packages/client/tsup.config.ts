import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // Runs in Node, Deno, Bun, workers and browsers: nothing Node-only may be pulled in.
  platform: "neutral",
  treeshake: true,
  // The version every request names in its identification header (src/headers.ts).
  define: { __GONG_FLOWS_CLIENT_VERSION__: JSON.stringify(version) },
});
