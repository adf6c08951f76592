import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";
// Resolution starts in this package's directory, as in a user's project that depends on both.
import { packageDir } from "../../lib/paths.js";

/** Sizes of one minified bundle, in bytes. */
export interface BundleSize {
  /** What was bundled, as the docs' table names it. */
  label: string;
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  /**
   * The inputs that ended up in the bundle, largest first, with their minified bytes and, for the
   * bundle from sources, the gzip bytes the bundle loses without them (see {@link gzipBytesPerInput}).
   */
  inputs: { path: string; bytes: number; gzipBytes?: number | undefined }[];
}

/** Both bundles the size benchmark compares. */
export interface SizeComparison {
  client: BundleSize;
  openapiFetch: BundleSize;
  /**
   * The client bundled again from its TypeScript sources with the same settings, only to say which
   * source file the bytes come from (the published `dist/` is one file). Absent when the sources are not
   * there (an installed package rather than this repository).
   */
  clientBySource?: BundleSize | undefined;
  /** `client.gzipBytes - openapiFetch.gzipBytes`: what the client adds on top of what it is built on. */
  gzipBytesAboveOpenapiFetch: number;
}

/**
 * Bundles `export * from "<specifier>"` the way a user's bundler would ship it (ESM, dependencies
 * included, minified, tree-shaken, platform-neutral like the client's own build) and measures the result
 * minified, gzipped (level 9) and brotli-compressed (quality 11).
 */
export async function measureBundle(specifier: string, label: string): Promise<BundleSize> {
  const result = await build({ ...bundleOptions(specifier), metafile: true });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no bundle for ${specifier}`);
  const bytes = output.contents;
  const meta = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(meta?.inputs ?? {})
    .map(([path, info]) => ({ path: shortenInputPath(path), bytes: info.bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return {
    label,
    minifiedBytes: bytes.byteLength,
    gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
    brotliBytes: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
    inputs,
  };
}

/** How every bundle here is built: as a user's bundler would ship `export * from "<specifier>"`. */
function bundleOptions(specifier: string): BuildOptions & { write: false } {
  return {
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: packageDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    // `neutral` reads no package.json main fields by default; these are what bundlers use.
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
    // Input paths in the metafile are relative to this directory, whatever the caller's cwd.
    absWorkingDir: packageDir,
    // What the client's build puts in (its tsup.config.ts); only the sources need it.
    define: { __GONG_FLOWS_CLIENT_VERSION__: JSON.stringify("0.0.0") },
  };
}

const markStart = "/*! bench-input-start ";
const markEnd = "/*! bench-input-end */";

/**
 * For each source file of the client, the gzip bytes the bundle loses when that file's minified code
 * is taken out of it. Minified bytes say little about what a file costs once compressed (repetitive
 * code compresses well, messages do not); this is what it costs in the budget's unit. The figures
 * overlap a little (gzip shares context between neighbours), so they add up to a bit more than the total.
 */
export async function gzipBytesPerInput(specifier: string): Promise<Map<string, number>> {
  const result = await build({
    ...bundleOptions(specifier),
    // Each client source file between legal comments, which the minifier keeps in place.
    legalComments: "inline",
    plugins: [
      {
        name: "mark-inputs",
        setup(b) {
          b.onLoad({ filter: /packages\/client\/src\/.*\.ts$/ }, async (args) => {
            // Named as the metafile's inputs are, once shortened: packages/client/src/….
            const path = args.path.slice(args.path.lastIndexOf("packages/client/src/"));
            return {
              contents: `${markStart}${path} */\n${await readFile(args.path, "utf8")}\n${markEnd}\n`,
              loader: "ts",
            };
          });
        },
      },
    ],
  });
  const marked = new TextDecoder().decode(result.outputFiles[0]?.contents);
  const clean = marked.replace(/\/\*! bench-input-(start [^*]*|end) \*\/\n?/g, "");
  const total = gzipSync(clean, { level: 9 }).byteLength;
  const costs = new Map<string, number>();
  const regions = /\/\*! bench-input-start ([^*]*) \*\/\n?([\s\S]*?)\/\*! bench-input-end \*\/\n?/g;
  for (const [, path, code] of marked.matchAll(regions)) {
    if (!path || code === undefined) continue;
    const without = clean.replace(code.replace(/\/\*! bench-input-(start [^*]*|end) \*\/\n?/g, ""), "");
    costs.set(path.trim(), (costs.get(path.trim()) ?? 0) + total - gzipSync(without, { level: 9 }).byteLength);
  }
  return costs;
}

/**
 * Measures the client's ESM entry (the built `dist/`, through its `exports` map) and `openapi-fetch`
 * alone. `export *` of openapi-fetch keeps everything it exports; the client's bundle keeps only the
 * parts of openapi-fetch the client uses, so the difference is what choosing the client costs.
 */
export async function measureSizes(): Promise<SizeComparison> {
  const client = await measureBundle("@gong-flows/client", "`@gong-flows/client` (with openapi-fetch)");
  const openapiFetch = await measureBundle("openapi-fetch", "`openapi-fetch` alone");
  const sourceEntry = join(packageDir, "../client/src/index.ts");
  const clientBySource = existsSync(sourceEntry)
    ? await measureBundle(sourceEntry, "`@gong-flows/client` from its sources")
    : undefined;
  if (clientBySource) {
    const gzipBytes = await gzipBytesPerInput(sourceEntry);
    for (const input of clientBySource.inputs) input.gzipBytes = gzipBytes.get(input.path);
    clientBySource.inputs.sort((a, b) => (b.gzipBytes ?? 0) - (a.gzipBytes ?? 0) || b.bytes - a.bytes);
  }
  return {
    client,
    openapiFetch,
    clientBySource,
    gzipBytesAboveOpenapiFetch: client.gzipBytes - openapiFetch.gzipBytes,
  };
}

/** The size budget of `size-budget.json`: growth past it fails `pnpm test`. */
export interface SizeBudget {
  /** Most gzip bytes the client's bundle may weigh. */
  maxGzipBytes: number;
  /** Most gzip bytes the client's bundle may weigh above `openapi-fetch` alone, if set. */
  maxGzipBytesAboveOpenapiFetch?: number | undefined;
}

/** Verdict of {@link checkSizeBudget}. */
export interface BudgetVerdict {
  ok: boolean;
  /** One line per limit: what was allowed, what was measured. */
  lines: string[];
}

/** Compares measured sizes with a budget. Pure, so that a test can show it failing on a small budget. */
export function checkSizeBudget(sizes: SizeComparison, budget: SizeBudget): BudgetVerdict {
  const lines: string[] = [];
  let ok = true;
  const check = (what: string, measured: number, limit: number | undefined): void => {
    if (limit === undefined) return;
    const within = measured <= limit;
    ok &&= within;
    lines.push(
      `${within ? "ok  " : "OVER"} ${what}: ${measured} B gzip, budget ${limit} B${within ? "" : ` (over by ${measured - limit} B)`}`,
    );
  };
  check("@gong-flows/client bundle", sizes.client.gzipBytes, budget.maxGzipBytes);
  check(
    "@gong-flows/client above openapi-fetch",
    sizes.gzipBytesAboveOpenapiFetch,
    budget.maxGzipBytesAboveOpenapiFetch,
  );
  return { ok, lines };
}

/** Reads the committed `size-budget.json` of this package. */
export function readSizeBudget(): SizeBudget {
  const raw = JSON.parse(readFileSync(join(packageDir, "size-budget.json"), "utf8")) as Partial<SizeBudget>;
  if (typeof raw.maxGzipBytes !== "number") throw new Error("size-budget.json: maxGzipBytes must be a number");
  return { maxGzipBytes: raw.maxGzipBytes, maxGzipBytesAboveOpenapiFetch: raw.maxGzipBytesAboveOpenapiFetch };
}

/** Makes esbuild's input paths readable: `.../node_modules/.pnpm/x/node_modules/openapi-fetch/dist/index.mjs` → `openapi-fetch/dist/index.mjs`. */
function shortenInputPath(path: string): string {
  const nodeModules = path.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return path.slice(nodeModules + "node_modules/".length);
  // The workspace's client is linked from ../client.
  return path.replace(/^\.\.\/client\//, "packages/client/");
}
