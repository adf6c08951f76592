import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The published packages of this repository, by the folder they are in under `packages/`. */
export type PublishedPackage = "client" | "contract-tests";

/**
 * Packs a published package of this repository with `pnpm pack` into `destination` exactly as
 * `changeset publish` would publish it (pnpm replaces `workspace:` ranges and applies `files`), and
 * returns the tarball's path. The package must be built first (turbo builds it before these tests).
 */
export async function packPackage(folder: PublishedPackage, destination: string): Promise<string> {
  const packageDir = fileURLToPath(new URL(`../../${folder}`, import.meta.url));
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { name: string; version: string };
  assertSucceeded(
    `pnpm pack of ${manifest.name}`,
    await runProcess("pnpm", ["pack", "--pack-destination", destination], { cwd: packageDir, env: process.env, timeoutMs: 60_000 }),
  );
  // pnpm names the tarball after the package: @scope/name 1.2.3 → scope-name-1.2.3.tgz.
  const tarball = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
  if (!(await readdir(destination)).includes(tarball)) throw new Error(`pnpm pack wrote no ${tarball} in ${destination}`);
  return join(destination, tarball);
}

/** Packs `@gong-flows/client` (see {@link packPackage}). */
export function packClient(destination: string): Promise<string> {
  return packPackage("client", destination);
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
