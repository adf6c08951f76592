import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // Redis needs TCP sockets: a Node (or Bun, Deno) package, never a browser one.
  platform: "node",
  treeshake: true,
});
