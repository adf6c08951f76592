import { copyFile, cp, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir } from "@gong-flows/testkit";
import { childEnv } from "./child-env.js";
import { assertSucceeded, runProcess } from "./run-process.js";

/** The consumer sources copied into each scratch project (see `fixtures/README.md`). */
export const fixturesDir = fileURLToPath(new URL("../fixtures", import.meta.url));

/** A scratch project outside the workspace where the packed client is installed as a user installs it. */
export interface ConsumerProject {
  /** Its folder, under the system's temporary folder. */
  readonly dir: string;
  /** Deletes the project. */
  remove(): Promise<void>;
}

/** Options of {@link createConsumerProject}. */
export interface ConsumerProjectOptions {
  /** More packages to install from the registry beside the tarballs (`msw@~2.13.3`, `vitest@~4.1.12`). */
  readonly dependencies?: readonly string[];
  /** The folder copied into the project. Default: {@link fixturesDir}; null for none. */
  readonly fixtures?: string | null;
}

/**
 * Creates a project under `os.tmpdir()` (so no `node_modules` or workspace of this repository can be
 * found from it), installs the tarballs (and `options.dependencies`) into it with one npm install, the
 * way a user would, and copies the consumer fixtures in. Tarballs installed together satisfy each
 * other's dependencies (the mock's on the client), as they would from the registry.
 */
export async function createConsumerProject(
  tarballs: string | readonly string[],
  options: ConsumerProjectOptions = {},
): Promise<ConsumerProject> {
  // Removed by remove(), and by its guard if this process is killed before its teardown.
  const scratch = await scratchDir("gong-flows-consumer-");
  const dir = scratch.path;
  const remove = () => scratch.remove();
  try {
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "gong-flows-consumer", version: "1.0.0", private: true, description: "Scratch consumer of the packed packages." }, null, 2)}\n`,
    );
    // --prefer-offline: the dependencies come from npm's cache when they are there; --ignore-scripts:
    // the packages have none, and a consumer test must not depend on any.
    assertSucceeded(
      "npm install of the packed packages",
      await runProcess(
        "npm",
        [
          "install",
          "--no-audit",
          "--no-fund",
          "--prefer-offline",
          "--ignore-scripts",
          ...[tarballs].flat(),
          ...(options.dependencies ?? []),
        ],
        {
          cwd: dir,
          env: childEnv(),
          timeoutMs: 180_000,
        },
      ),
    );
    if (options.fixtures !== null) await cp(options.fixtures ?? fixturesDir, dir, { recursive: true });
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * A folder of its own for one test file, working with a project installed once for the run and shared
 * read-only: its `node_modules` is a link to the installed project's, and its `package.json` a copy, so
 * that files installing the same set (one scenario family) pay for one npm install, and each writes its
 * journals, reports and data into its own folder.
 */
export async function workInInstalledProject(installed: string): Promise<ConsumerProject> {
  const scratch = await scratchDir("gong-flows-consumer-");
  try {
    await copyFile(join(installed, "package.json"), join(scratch.path, "package.json"));
    await symlink(join(installed, "node_modules"), join(scratch.path, "node_modules"), "dir");
    return { dir: scratch.path, remove: () => scratch.remove() };
  } catch (error) {
    await scratch.remove();
    throw error;
  }
}
