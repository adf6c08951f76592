import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
// Resolution starts in this package's directory, as in a user's project that depends on both.
import { packageDir } from "../../lib/paths.js";

/** Sizes of one minified bundle, in bytes, and its inputs, largest first. */
export interface BundleSize {
  label: string;
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  /** Minified bytes per input and, for the bundle from sources, the gzip bytes the bundle loses without it. */
  inputs: { path: string; bytes: number; gzipBytes?: number | undefined }[];
}

export interface SizeComparison {
  client: BundleSize;
  openapiFetch: BundleSize;
  /** The client bundled from its sources, only to say which file the bytes come from; absent when installed. */
  clientBySource?: BundleSize | undefined;
  /** What the client adds on top of what it is built on. */
  gzipBytesAboveOpenapiFetch: number;
}

/** `size-budget.json`: growth past it fails `pnpm test`. */
export interface SizeBudget {
  maxGzipBytes: number;
  maxGzipBytesAboveOpenapiFetch?: number | undefined;
}

export interface BudgetVerdict {
  ok: boolean;
  /** One line per limit: what was allowed, what was measured. */
  lines: string[];
}

/** How a user's bundler ships `export * from "<specifier>"`: ESM, dependencies included, minified, platform-neutral. */
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

/** Bundles `specifier` and measures it minified, gzipped (level 9) and brotli-compressed (quality 11). */
export async function measureBundle(specifier: string, label: string): Promise<BundleSize> {
  const result = await build({ ...bundleOptions(specifier), metafile: true });
  const bytes = result.outputFiles[0]?.contents;
  if (!bytes) throw new Error(`esbuild produced no bundle for ${specifier}`);
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
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

const markers = /\/\*! bench-input-(start [^*]*|end) \*\/\n?/g;

/**
 * For each source file of the client, the gzip bytes the bundle loses without that file's minified code:
 * what it costs in the budget's unit (repetitive code compresses well, messages do not). gzip shares
 * context between neighbours, so the figures add up to a bit more than the total.
 */
async function gzipBytesPerInput(specifier: string): Promise<Map<string, number>> {
  const result = await build({
    ...bundleOptions(specifier),
    // Each client source file between legal comments, which the minifier keeps in place.
    legalComments: "inline",
    plugins: [
      {
        name: "mark-inputs",
        setup(b) {
          b.onLoad({ filter: /packages\/client\/src\/.*\.ts$/ }, async (args) => {
            const path = args.path.slice(args.path.lastIndexOf("packages/client/src/"));
            const code = await readFile(args.path, "utf8");
            return { contents: `/*! bench-input-start ${path} */\n${code}\n/*! bench-input-end */\n`, loader: "ts" };
          });
        },
      },
    ],
  });
  const marked = new TextDecoder().decode(result.outputFiles[0]?.contents);
  const clean = marked.replace(markers, "");
  const total = gzipSync(clean, { level: 9 }).byteLength;
  const costs = new Map<string, number>();
  const regions = /\/\*! bench-input-start ([^*]*) \*\/\n?([\s\S]*?)\/\*! bench-input-end \*\/\n?/g;
  for (const [, path, code] of marked.matchAll(regions)) {
    if (!path || code === undefined) continue;
    const without = clean.replace(code.replace(markers, ""), "");
    costs.set(path.trim(), (costs.get(path.trim()) ?? 0) + total - gzipSync(without, { level: 9 }).byteLength);
  }
  return costs;
}

/**
 * The client's ESM entry (the built `dist/`, through its `exports` map) against `openapi-fetch` alone,
 * whose `export *` keeps all of it: the difference is what choosing the client costs.
 */
export async function measureSizes(): Promise<SizeComparison> {
  const client = await measureBundle("@gong-flows/client", "`@gong-flows/client` (with openapi-fetch)");
  const openapiFetch = await measureBundle("openapi-fetch", "`openapi-fetch` alone");
  const sourceEntry = join(packageDir, "../client/src/index.ts");
  let clientBySource: BundleSize | undefined;
  if (existsSync(sourceEntry)) {
    clientBySource = await measureBundle(sourceEntry, "`@gong-flows/client` from its sources");
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

/** Compares measured sizes with a budget. Pure, so that a test can show it failing on a small budget. */
export function checkSizeBudget(sizes: SizeComparison, budget: SizeBudget): BudgetVerdict {
  const limits: [string, number, number | undefined][] = [
    ["@gong-flows/client bundle", sizes.client.gzipBytes, budget.maxGzipBytes],
    ["@gong-flows/client above openapi-fetch", sizes.gzipBytesAboveOpenapiFetch, budget.maxGzipBytesAboveOpenapiFetch],
  ];
  const lines = limits.flatMap(([what, measured, limit]) => {
    if (limit === undefined) return [];
    const over = measured > limit ? ` (over by ${measured - limit} B)` : "";
    return [`${over ? "OVER" : "ok  "} ${what}: ${measured} B gzip, budget ${limit} B${over}`];
  });
  return { ok: lines.every((line) => line.startsWith("ok")), lines };
}

/** Reads the committed `size-budget.json` of this package. */
export function readSizeBudget(): SizeBudget {
  const raw = JSON.parse(readFileSync(join(packageDir, "size-budget.json"), "utf8")) as Partial<SizeBudget>;
  if (typeof raw.maxGzipBytes !== "number") throw new Error("size-budget.json: maxGzipBytes must be a number");
  return { maxGzipBytes: raw.maxGzipBytes, maxGzipBytesAboveOpenapiFetch: raw.maxGzipBytesAboveOpenapiFetch };
}

/** `…/node_modules/.pnpm/x/node_modules/openapi-fetch/dist/index.mjs` → `openapi-fetch/dist/index.mjs`. */
function shortenInputPath(path: string): string {
  const nodeModules = path.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return path.slice(nodeModules + "node_modules/".length);
  return path.replace(/^\.\.\/client\//, "packages/client/");
}
