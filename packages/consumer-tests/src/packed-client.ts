import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The folder of `@gong-flows/client` in this repository. */
const clientDir = fileURLToPath(new URL("../../client", import.meta.url));

/**
 * Packs `@gong-flows/client` with `pnpm pack` into `destination` exactly as `changeset publish` would
 * publish it (pnpm replaces `workspace:` ranges and applies `files`), and returns the tarball's path.
 * The client must be built first (`pnpm build`; turbo runs it before these tests).
 */
export async function packClient(destination: string): Promise<string> {
  assertSucceeded(
    "pnpm pack",
    await runProcess("pnpm", ["pack", "--pack-destination", destination], { cwd: clientDir, env: process.env, timeoutMs: 60_000 }),
  );
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destination}, found: ${tarballs.join(", ") || "none"}`);
  return join(destination, tarballs[0]!);
}

/** The files in a package tarball, relative to the package (npm tarballs put them under `package/`), sorted. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = assertSucceeded("tar", await runProcess("tar", ["-tzf", tarball], { cwd: process.cwd(), env: process.env, timeoutMs: 30_000 }));
  return stdout
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}
