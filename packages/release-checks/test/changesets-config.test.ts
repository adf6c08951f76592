import { readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runNode } from "./run-node.js";
import { ScratchRepo } from "./scratch-repo.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

interface ChangesetsConfig {
  changelog: [string, { repo?: string }] | string | false;
  access: string;
  baseBranch: string;
  privatePackages: { version: boolean; tag: boolean };
}

describe("the changesets release configuration", () => {
  it("writes changelog entries that link to the change, for the repository it names", async () => {
    const config = JSON.parse(await readFile(`${root}.changeset/config.json`, "utf8")) as ChangesetsConfig;
    expect(Array.isArray(config.changelog)).toBe(true);
    const [generator, options] = config.changelog as [string, { repo?: string }];
    expect(generator).toBe("@changesets/changelog-github");
    // owner/name: @changesets/changelog-github links each entry to its pull request and commit there.
    expect(options.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
    // `changeset version` loads the generator from the repository root.
    expect(() => createRequire(`${root}package.json`).resolve(generator)).not.toThrow();
  });

  it("publishes the public client from main, and leaves the private packages unversioned and untagged", async () => {
    const config = JSON.parse(await readFile(`${root}.changeset/config.json`, "utf8")) as ChangesetsConfig;
    expect(config.access).toBe("public");
    expect(config.baseBranch).toBe("main");
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });
});

describe("`changeset version` with this configuration", () => {
  it("asks the changelog generator for the change's pull request, and without a GITHUB_TOKEN changes nothing", async () => {
    const repo = await ScratchRepo.create();
    try {
      await repo.write("package.json", JSON.stringify({ name: "scratch-root", private: true }));
      await repo.write("pnpm-workspace.yaml", 'packages:\n  - "packages/*"\n');
      await repo.addChangeset("a-change", "minor");
      await repo.commit("a change with its changeset");
      // The generator is resolved from the repository's node_modules, as in the real repository.
      await symlink(join(root, "node_modules"), join(repo.dir, "node_modules"), "dir");
      const env = { ...process.env };
      delete env["GITHUB_TOKEN"];
      const cli = createRequire(`${root}package.json`).resolve("@changesets/cli/bin.js");
      const outcome = await runNode([cli, "version"], { cwd: repo.dir, env });
      const output = outcome.stdout + outcome.stderr;
      // @changesets/changelog-github looks up each change on GitHub before writing its entry, and
      // checks for the token before any request.
      expect(output).toContain("add it as the GITHUB_TOKEN environment variable");
      expect(output).toContain("no files should have been affected");
      expect(outcome.code).not.toBe(0);
      expect(await repo.git("status", "--porcelain", "--untracked-files=no")).toBe("");
    } finally {
      await repo.remove();
    }
  });
});
