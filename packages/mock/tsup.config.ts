import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/node.ts", "src/cli.ts"],
  format: ["esm"],
  dts: { entry: ["src/index.ts", "src/node.ts"] },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "node",
  // Dependencies stay imports (msw must be the user's own copy for their handlers to work with it).
  splitting: true,
});
