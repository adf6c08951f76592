import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ScratchRepo } from "./scratch-repo.js";

// A published package's API report as api-extractor writes it, and the same package with one more
// exported member: what `pnpm api:update` leaves in the work tree after a change of its surface.
const mockReport =
  '## API Report File for "@gong-flows/mock"\n\n```ts\n// @public\nexport interface GongMockIssue {\n    readonly message: string;\n    readonly path: string;\n}\n```\n';
const mockReportWidened = mockReport.replace(
  "    readonly message: string;\n",
  "    readonly keyword?: string;\n    readonly message: string;\n",
);
const mockManifest = JSON.stringify({ name: "@gong-flows/mock", version: "0.1.0" });

let repos: ScratchRepo[] = [];
async function repoWithReport(): Promise<ScratchRepo> {
  const repo = await ScratchRepo.create({
    files: { "packages/mock/package.json": mockManifest, "packages/mock/review/mock.api.md": mockReport },
  });
  repos.push(repo);
  return repo;
}
afterEach(async () => {
  await Promise.all(repos.map((repo) => repo.remove()));
  repos = [];
});

describe("spec:diff holds the published packages' API reports to the changeset rule", () => {
  it("fails when a report changed and no changeset releases its package, naming both", async () => {
    const repo = await repoWithReport();
    await repo.write("packages/mock/review/mock.api.md", mockReportWidened);
    const run = await repo.runGate();
    expect(run.stdout).toContain("changed  packages/mock/review/mock.api.md  (no changeset releases @gong-flows/mock)");
    expect(run.stdout).toContain("FAILED [api-change-needs-changeset] The public API of @gong-flows/mock changed");
    expect(run.code).toBe(1);
  });

  it("fails when the changesets release only another package", async () => {
    const repo = await repoWithReport();
    await repo.write("packages/mock/review/mock.api.md", mockReportWidened);
    await repo.addChangeset("client-only", "minor", "@gong-flows/client");
    const run = await repo.runGate();
    expect(run.stdout).toContain("FAILED [api-change-needs-changeset]");
    expect(run.code).toBe(1);
  });

  it("fails when a report is removed without a changeset", async () => {
    const repo = await repoWithReport();
    await repo.git("rm", "--quiet", "packages/mock/review/mock.api.md");
    const run = await repo.runGate();
    expect(run.stdout).toContain("removed  packages/mock/review/mock.api.md");
    expect(run.code).toBe(1);
  });

  it("passes when a changeset added since the base releases the package, committed or not", async () => {
    const repo = await repoWithReport();
    await repo.write("packages/mock/review/mock.api.md", mockReportWidened);
    await repo.addChangeset("mock-issue-keyword", "minor", "@gong-flows/mock");
    const run = await repo.runGate();
    expect(run.stdout).toContain("changed  packages/mock/review/mock.api.md  (minor release of @gong-flows/mock)");
    expect(run.stdout).toContain("OK: The changesets cover every changed API report.");
    expect(run.code).toBe(0);
    await repo.commit("mock issues name their keyword");
    expect((await repo.runGate()).code).toBe(0);
  });

  it("passes when a report is new (the record is new, not the API) or unchanged", async () => {
    const repo = await ScratchRepo.create({ files: { "packages/mock/package.json": mockManifest } });
    repos.push(repo);
    await repo.write("packages/mock/review/mock.api.md", mockReport);
    const run = await repo.runGate();
    expect(run.stdout).not.toContain("Public API reports changed");
    expect(run.code).toBe(0);
    expect(await readFile(join(repo.dir, "packages/mock/review/mock.api.md"), "utf8")).toBe(mockReport);
  });
});
