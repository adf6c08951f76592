import { defineExperiment, type Stored } from "../../experiment.js";
import { bytes, goalRow, measuredOn, percent, signedBytes, table } from "../../format.js";
import {
  type BudgetVerdict,
  checkSizeBudget,
  measureSizes,
  readSizeBudget,
  type SizeBudget,
  type SizeComparison,
} from "./bundle-size.js";

export interface SizeResult {
  sizes: SizeComparison;
  budget: SizeBudget;
  verdict: BudgetVerdict;
}

const budgetGoal = "Size budget (`size-budget.json`, checked by `pnpm test`)";
/** The budget is a setting, not a measurement: a result is always judged by the one `pnpm test` checks. */
const judged = (sizes: SizeComparison): SizeResult => {
  const budget = readSizeBudget();
  return { sizes, budget, verdict: checkSizeBudget(sizes, budget) };
};

export default defineExperiment<SizeResult>({
  id: "size",
  key: "size",
  title: "size: bundling with esbuild",
  run: async () => judged(await measureSizes()),
  settle: (result) => ({ ...result, ...judged(result.sizes) }),
  goalRows(s) {
    if (!s) return [goalRow(budgetGoal, "see size-budget.json")];
    // The client runs on servers (Gong's credentials never belong in a browser): its size is guarded by
    // the budget, which grows only with a changeset that says why, and is not a target.
    const above = s.sizes.gzipBytesAboveOpenapiFetch;
    const client = s.sizes.client.gzipBytes;
    const budget = s.budget.maxGzipBytes;
    return [
      goalRow(
        "Size of the client, with openapi-fetch",
        "none set: guarded by the budget below",
        `${bytes(client)} gzip (${above >= 0 ? "+" : ""}${bytes(above)} above openapi-fetch)`,
      ),
      goalRow(
        budgetGoal,
        `≤ ${bytes(budget)} gzip`,
        bytes(client),
        s.verdict.ok
          ? `**within** (${bytes(budget - client)} to spare)`
          : `**over** by ${bytes(client - budget)} (fails \`pnpm test\`)`,
      ),
    ];
  },
  render(s) {
    const { client, openapiFetch } = s.sizes;
    const rows = [client, openapiFetch].map((b) => [
      b.label,
      ...[b.minifiedBytes, b.gzipBytes, b.brotliBytes].map(bytes),
    ]);
    const difference = [client.minifiedBytes - openapiFetch.minifiedBytes, s.sizes.gzipBytesAboveOpenapiFetch];
    rows.push(["difference", ...[...difference, client.brotliBytes - openapiFetch.brotliBytes].map(signedBytes)]);
    return [
      measuredOn(s.machine),
      table(["bundle (ESM, minified)", "minified", "gzip", "brotli"], rows),
      ...breakdown(s),
      `Budget check (\`packages/bench/size-budget.json\`):\n\n\`\`\`\n${s.verdict.lines.join("\n")}\n\`\`\``,
    ].join("\n\n");
  },
});

/** Where the client's bytes come from: minified bytes per input, and gzip bytes lost without each. */
function breakdown(s: Stored<SizeResult>): string[] {
  const bundle = s.sizes.clientBySource ?? s.sizes.client;
  const total = bundle.inputs.reduce((sum, input) => sum + input.bytes, 0);
  const byGzip = bundle.inputs.some((input) => input.gzipBytes !== undefined);
  const inputs = bundle.inputs
    .slice(0, byGzip ? 30 : 10)
    .map((input) => [
      `\`${input.path}\``,
      bytes(input.bytes),
      percent()(input.bytes / total),
      ...(byGzip ? [input.gzipBytes === undefined ? "—" : bytes(input.gzipBytes)] : []),
    ]);
  return [
    s.sizes.clientBySource
      ? `Where the client's bytes come from (the client bundled from its sources with the same settings, ${bytes(s.sizes.clientBySource.gzipBytes)} gzip; ` +
        "minified bytes per file, and the gzip bytes the bundle loses without the file — they overlap a little, so they add up to a bit more than the total):"
      : "What the client's bundle is made of (minified bytes per input, before compression):",
    table(["input", "minified", "share", ...(byGzip ? ["gzip without it"] : [])], inputs),
  ];
}
