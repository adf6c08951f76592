// Packs each published package once for the whole run (the test files install the same tarballs in
// projects of their own, one per scenario family) and deletes the tarballs when the run ends, failed
// tests included, since vitest always runs this teardown.
import { scratchDir } from "@gong-flows/testkit";
import type { TestProject } from "vitest/node";
import { packPublishedPackages, type PackedTarballs } from "../../src/packed-tarballs.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The tarball of each published package, packed once for this run; read-only. */
    tarballs: PackedTarballs;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const packDir = await scratchDir("gong-flows-packed-");
  try {
    project.provide("tarballs", await packPublishedPackages(packDir.path));
  } catch (error) {
    await packDir.remove();
    throw error;
  }
  return () => packDir.remove();
}
