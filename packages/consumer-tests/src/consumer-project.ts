import { cp, writeFile } from "node:fs/promises";
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

/**
 * Creates a project under `os.tmpdir()` (so no `node_modules` or workspace of this repository can be
 * found from it), installs the tarballs into it with npm, the way a user would (together, so that one
 * package of this repository finds the other packed beside it rather than on the registry), and
 * copies the consumer fixtures in unless told not to.
 */
export async function createConsumerProject(tarballs: string | readonly string[], { fixtures = true } = {}): Promise<ConsumerProject> {
  const scratch = await scratchDir("consumer");
  const dir = scratch.path;
  const remove = () => scratch.remove();
  try {
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "gong-flows-consumer", version: "1.0.0", private: true, description: "Scratch consumer of the packed client." }, null, 2)}\n`,
    );
    // --prefer-offline: dependencies come from npm's cache when they are there; --ignore-scripts: our
    // packages have none, and a consumer test must not depend on any.
    assertSucceeded(
      "npm install of the packed packages",
      await runProcess("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", ...[tarballs].flat()], {
        cwd: dir,
        env: childEnv(),
        timeoutMs: 180_000,
      }),
    );
    if (fixtures) await cp(fixturesDir, dir, { recursive: true });
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
