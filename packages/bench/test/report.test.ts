import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chooseExperiments } from "../src/experiment.js";
import { docPath } from "../src/lib/paths.js";
import { refreshDoc, renderSummary } from "../src/page.js";
import { experiments } from "../src/registry.js";
import type { LatestResults } from "../src/results.js";
import { machine, one } from "./fixtures.js";

const blockNames = ["summary", ...experiments.map((experiment) => experiment.id)];

const results: LatestResults = {
  schemaVersion: 1,
  machine,
  notes: [],
  size: {
    machine,
    sizes: {
      client: { label: "client", minifiedBytes: 20_000, gzipBytes: 7_000, brotliBytes: 6_000, inputs: [] },
      openapiFetch: { label: "openapi-fetch", minifiedBytes: 7_000, gzipBytes: 3_000, brotliBytes: 2_500, inputs: [] },
      gzipBytesAboveOpenapiFetch: 4_000,
    },
    budget: { maxGzipBytes: 8_000 },
    verdict: { ok: true, lines: ["ok   ..."] },
  },
  bulk: {
    machine,
    ids: 10_000,
    requestsPerSecond: 20,
    idsPerRequest: 200,
    theoreticalIdsPerSecond: 4_000,
    rounds: 3,
    arms: [
      {
        id: "client",
        label: "client",
        rounds: 3,
        idsPerSecond: one(3_800),
        shareOfMax: one(0.95),
        elapsedMs: one(2_600),
        rateLimited: one(0),
        requests: one(50),
        lostIds: one(0),
        stillAssigned: one(0),
      },
    ],
  },
};

describe("docs/benchmarks.md refresh", () => {
  it("replaces every generated block and keeps the prose around them", () => {
    const doc = [
      "# Benchmarks",
      "prose before",
      ...blockNames.flatMap((name) => [
        `<!-- bench:${name}:start -->`,
        "old",
        `<!-- bench:${name}:end -->`,
        `prose after ${name}`,
      ]),
    ].join("\n");
    const refreshed = refreshDoc(doc, results, experiments);
    expect(refreshed).not.toContain("\nold\n");
    expect(refreshed).toContain("prose before");
    for (const name of blockNames) expect(refreshed).toContain(`prose after ${name}`);
    // Refreshing twice gives the same page: nothing accumulates between the markers.
    expect(refreshDoc(refreshed, results, experiments)).toBe(refreshed);
  });

  it("refuses a page whose markers are gone rather than letting it go stale", () => {
    expect(() => refreshDoc("# Benchmarks\n", results, experiments)).toThrow(/markers/);
  });

  it("has a block on the page for every registered experiment, each with its own id and key", () => {
    const page = readFileSync(docPath, "utf8");
    for (const name of blockNames) expect(page).toContain(`<!-- bench:${name}:start -->`);
    expect(new Set(experiments.map((experiment) => experiment.id)).size).toBe(experiments.length);
    expect(new Set(experiments.map((experiment) => experiment.key)).size).toBe(experiments.length);
  });

  it("says which goals are missed and by how much", () => {
    const text = renderSummary(results, experiments);
    // Size is a guard: reported beside openapi-fetch, judged only against the budget.
    expect(text).toMatch(
      /Size of the client, with openapi-fetch \| none set: guarded by the budget below \| 7,000 B gzip \(\+4,000 B above openapi-fetch\) \| — \|/,
    );
    expect(text).toMatch(/Size budget .* \| ≤ 8,000 B gzip \| 7,000 B \| \*\*within\*\* \(1,000 B to spare\) \|/);
    const over = renderSummary(
      {
        ...results,
        size: { ...(results["size"] as object), budget: { maxGzipBytes: 6_500 }, verdict: { ok: false, lines: [] } },
      },
      experiments,
    );
    expect(over).toMatch(
      /Size budget .* \| ≤ 6,500 B gzip \| 7,000 B \| \*\*over\*\* by 500 B \(fails `pnpm test`\) \|/,
    );
    expect(text).toMatch(/Bulk throughput.*95 % \| \*\*met\*\*/);
    expect(text).toMatch(/Per-call overhead, sequential \| ≤ 1\.15× plain openapi-fetch \| not measured/);
    expect(text).toMatch(/Developer loop: cold `pnpm test` \| ≤ 150 s on a quiet 2-core machine \| not measured yet/);
  });
});

describe("choosing the experiments of a run", () => {
  const ids = (argv: string[]) => chooseExperiments(argv, experiments).map((experiment) => experiment.id);

  it("runs every experiment without a flag by default, and a flagged one only alone", () => {
    // Read from the registry, so that adding an experiment is its folder and its line there.
    const unflagged = experiments
      .filter((experiment) => experiment.flag === undefined)
      .map((experiment) => experiment.id);
    expect(ids([])).toEqual(unflagged);
    expect(unflagged).toEqual(expect.arrayContaining(["overhead", "size", "bulk", "cli-bulk"]));
    expect(unflagged).not.toEqual(expect.arrayContaining(["dev-loop"]));
    expect(ids(["--", "--dev-loop"])).toEqual(["dev-loop"]);
    expect(ids(["--only=size,bulk"])).toEqual(["size", "bulk"]);
    expect(ids(["--doc-only"])).toEqual([]);
  });

  it("refuses an unknown experiment or argument, naming it", () => {
    expect(() => ids(["--only=size,nope"])).toThrow(/unknown section nope; known: overhead, size/);
    expect(() => ids(["--fast"])).toThrow(/unknown argument --fast/);
  });
});
