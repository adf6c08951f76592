import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { packPackage } from "./packed-client.js";

/** The published packages of this repository, by their folder under `packages/`. */
export const publishedPackages = ["client", "mock", "contract-tests", "redis-rate-limit", "cli"] as const;
export type PublishedPackage = (typeof publishedPackages)[number];

/** The path of each published package's tarball. */
export type PackedTarballs = Record<PublishedPackage, string>;

/**
 * Packs every published package once (see {@link packPackage}), each into a folder of its own under
 * `destination`, all at once. The tarballs are read, never changed, by the projects that install them.
 */
export async function packPublishedPackages(destination: string): Promise<PackedTarballs> {
  const packed = await Promise.all(
    publishedPackages.map(async (name) => {
      const folder = join(destination, name);
      await mkdir(folder);
      return [name, await packPackage(name, folder)] as const;
    }),
  );
  return Object.fromEntries(packed) as PackedTarballs;
}
