import { access, constants, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { childEnv } from "./child-env.js";
import type { RuntimePackage } from "./runtimes.js";
import { assertSucceeded, runProcess } from "./run-process.js";

/**
 * Where runtime packages are installed, outside the repository: `GONG_FLOWS_RUNTIME_CACHE`, else
 * `~/.cache/gong-flows-runtimes`. A runtime is downloaded once (tens of MB each) and reused.
 */
export const runtimeCacheDir =
  process.env["GONG_FLOWS_RUNTIME_CACHE"] ?? join(homedir(), ".cache", "gong-flows-runtimes");

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the runtime package with npm into its own folder of the cache, unless it is there already,
 * and returns the absolute path of its executable. The install goes to a staging folder that is
 * renamed into place only when complete, so an interrupted install is never taken for a good one.
 */
export async function installRuntime(runtime: RuntimePackage): Promise<string> {
  const dir = join(runtimeCacheDir, `${runtime.name.replace("/", "+")}@${runtime.version}`);
  const binary = join(dir, "node_modules", runtime.binary);
  if (await isExecutable(binary)) return binary;

  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, "package.json"), '{ "private": true }\n');
  // --ignore-scripts: these packages' install scripts only relink or fetch binaries that their
  // platform packages already hold.
  assertSucceeded(
    `npm install ${runtime.name}@${runtime.version}`,
    await runProcess(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--prefer-offline",
        `${runtime.name}@${runtime.version}`,
      ],
      {
        cwd: staging,
        env: childEnv(),
        timeoutMs: 600_000,
      },
    ),
  );
  if (!(await isExecutable(join(staging, "node_modules", runtime.binary)))) {
    throw new Error(`${runtime.name}@${runtime.version} installed, but holds no executable ${runtime.binary}`);
  }
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  return binary;
}
