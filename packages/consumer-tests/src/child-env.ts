/**
 * The environment for npm and for the runtimes under test: this process's own, minus what pnpm and
 * npm put in it for the script that is running (`npm_config_*`, `npm_package_*`, `npm_lifecycle_*`,
 * `PNPM_*`, `INIT_CWD`). Left in, pnpm's settings would steer the consumer's `npm install` as if it
 * ran inside the workspace, which a user's install never does.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|INIT_CWD$|NODE_OPTIONS$|VITEST|TEST$|NODE_ENV$)/i.test(name)) continue;
    env[name] = value;
  }
  // A pinned runtime or the consumer's npm must not find this workspace's binaries first on PATH.
  env["PATH"] = (env["PATH"] ?? "")
    .split(":")
    .filter((entry) => !entry.includes("node_modules"))
    .join(":");
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}
