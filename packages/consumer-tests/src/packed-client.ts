import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The folders of the published packages in this repository. */
export const packageDirs = {
  client: fileURLToPath(new URL("../../client", import.meta.url)),
  redisRateLimit: fileURLToPath(new URL("../../redis-rate-limit", import.meta.url)),
} as const;

/**
 * Packs a package of this workspace with `pnpm pack` into `destination` (a folder of its own: the one
 * new tarball there is the result) exactly as `changeset publish` would publish it (pnpm replaces
 * `workspace:` ranges and applies `files`), and returns the tarball's path. The package must be built
 * first (`pnpm build`; turbo runs it before these tests).
 */
export async function packPackage(packageDir: string, destination: string): Promise<string> {
  const before = new Set(await readdir(destination).catch(() => []));
  assertSucceeded(
    "pnpm pack",
    await runProcess("pnpm", ["pack", "--pack-destination", destination], { cwd: packageDir, env: process.env, timeoutMs: 60_000 }),
  );
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith(".tgz") && !before.has(name));
  if (tarballs.length !== 1) throw new Error(`expected one new tarball in ${destination}, found: ${tarballs.join(", ") || "none"}`);
  return join(destination, tarballs[0]!);
}

/** {@link packPackage} for `@gong-flows/client`. */
export function packClient(destination: string): Promise<string> {
  return packPackage(packageDirs.client, destination);
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
