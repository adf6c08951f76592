import { defineConfig } from "tsup";

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
});
