import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The folder of a package of this repository (`client`, `mock`, `contract-tests`). */
const packageDir = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));

/**
 * Packs the package in `packages/<name>` with `pnpm pack` into `destination` exactly as `changeset
 * publish` would publish it (pnpm replaces `workspace:` ranges and applies `files`), and returns the
 * tarball's path. Several packages may be packed into one destination at once. The package must be
 * built first (`pnpm build`; turbo runs it before these tests).
 */
export async function packPackage(name: string, destination: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(packageDir(name), "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  assertSucceeded(
    `pnpm pack of packages/${name}`,
    await runProcess("pnpm", ["pack", "--pack-destination", destination], {
      cwd: packageDir(name),
      env: process.env,
      timeoutMs: 60_000,
    }),
  );
  // pnpm names the tarball after the package: @scope/name 1.2.3 → scope-name-1.2.3.tgz.
  const tarball = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
  if (!(await readdir(destination)).includes(tarball))
    throw new Error(`pnpm pack wrote no ${tarball} in ${destination}`);
  return join(destination, tarball);
}

/** Packs `@gong-flows/client` (see {@link packPackage}). */
export function packClient(destination: string): Promise<string> {
  return packPackage("client", destination);
}

/** The files in a package tarball, relative to the package (npm tarballs put them under `package/`), sorted. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = assertSucceeded(
    "tar",
    await runProcess("tar", ["-tzf", tarball], { cwd: process.cwd(), env: process.env, timeoutMs: 30_000 }),
  );
  return stdout
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}
