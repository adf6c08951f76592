import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
 * found from it), installs the tarball(s) into it with npm, the way a user would, and copies the
 * consumer fixtures in (`fixtures`: another folder of them; default: the client's).
 */
export async function createConsumerProject(tarballs: string | readonly string[], fixtures: string = fixturesDir): Promise<ConsumerProject> {
  const dir = await mkdtemp(join(tmpdir(), "gong-flows-consumer-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "gong-flows-consumer", version: "1.0.0", private: true, description: "Scratch consumer of the packed packages." }, null, 2)}\n`,
    );
    // --prefer-offline: the dependencies come from npm's cache when they are there; --ignore-scripts:
    // the packages have none, and a consumer test must not depend on any.
    assertSucceeded(
      "npm install of the packed packages",
      await runProcess("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", ...(typeof tarballs === "string" ? [tarballs] : tarballs)], {
        cwd: dir,
        env: childEnv(),
        timeoutMs: 180_000,
      }),
    );
    await cp(fixtures, dir, { recursive: true });
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
