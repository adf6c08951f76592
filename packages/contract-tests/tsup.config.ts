import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  tsconfig: "tsconfig.build.json",
  // The private test kit (start Prism, process groups that die with their parent) and the spec reader
  // ship inside the package; the kit's watchdog script is copied beside `dist/` by scripts/prepare-package.mjs.
  noExternal: ["@gong-flows/testkit", "@gong-flows/spec-reader"],
});
