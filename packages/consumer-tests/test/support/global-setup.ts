// Packs each published package once for the whole run (the test files install the same tarballs in
// projects of their own, one per scenario family), installs the CLI family's set once for the files that
// share it, and deletes both when the run ends, failed tests included, since vitest always runs this teardown.
import { scratchDir } from "@gong-flows/testkit";
import type { TestProject } from "vitest/node";
import { createConsumerProject, type ConsumerProject } from "../../src/consumer-project.js";
import { packPublishedPackages, type PackedTarballs } from "../../src/packed-tarballs.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The tarball of each published package, packed once for this run; read-only. */
    tarballs: PackedTarballs;
    /**
     * A project with the CLI family installed (client, Redis store, mock, CLI, and msw, the mock's peer),
     * once for this run; read-only: files work in folders of their own (`workInInstalledProject`).
     */
    cliFamilyProject: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const packDir = await scratchDir("gong-flows-packed-");
  let cliFamily: ConsumerProject | undefined;
  const teardown = async () => {
    await Promise.all([cliFamily?.remove(), packDir.remove()]);
  };
  try {
    const tarballs = await packPublishedPackages(packDir.path);
    project.provide("tarballs", tarballs);
    cliFamily = await createConsumerProject(
      [tarballs.client, tarballs["redis-rate-limit"], tarballs.mock, tarballs.cli],
      { fixtures: null, dependencies: ["msw@~2.13.3"] },
    );
    project.provide("cliFamilyProject", cliFamily.dir);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
