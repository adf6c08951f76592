import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The package's own folder. This module sits directly in `src/`, and its code is bundled directly
 * into `dist/`: from either, the folder above is the package.
 */
export const packageRoot: string = fileURLToPath(new URL("../", import.meta.url));

/** The package's version, from its `package.json`. */
export const packageVersion: string = (
  JSON.parse(readFileSync(`${packageRoot}package.json`, "utf8")) as { version: string }
).version;
