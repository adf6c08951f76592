import { readdir, readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runNode } from "./run-node.js";
import { ScratchRepo } from "./scratch-repo.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

interface ReleasePlan {
  changesets: { releases: { name: string; type: string }[] }[];
  releases: { name: string; type: string }[];
}

/** This repository's package manifests and pending changesets, by path: what `changeset status` reads. */
async function releaseInputs(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of ["package.json", "pnpm-workspace.yaml"]) files[path] = await readFile(join(root, path), "utf8");
  for (const name of await readdir(join(root, "packages"))) {
    const path = `packages/${name}/package.json`;
    files[path] = await readFile(join(root, path), "utf8").catch(() => "");
    if (files[path] === "") delete files[path];
  }
  for (const name of await readdir(join(root, ".changeset"))) {
    if (name.endsWith(".md")) files[`.changeset/${name}`] = await readFile(join(root, ".changeset", name), "utf8");
  }
  return files;
}

it("bumps a package major only when one of its changesets says so: a peer range accepts the version it is released with", async () => {
  const repo = await ScratchRepo.create({ files: await releaseInputs() });
  try {
    await symlink(join(root, "node_modules"), join(repo.dir, "node_modules"), "dir");
    const cli = createRequire(`${root}package.json`).resolve("@changesets/cli/bin.js");
    const outcome = await runNode([cli, "status", "--output=plan.json"], { cwd: repo.dir });
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(repo.dir, "plan.json"), "utf8")) as ReleasePlan;
    const askedMajor = new Set(
      plan.changesets.flatMap((changeset) => changeset.releases.filter((r) => r.type === "major").map((r) => r.name)),
    );
    const majors = plan.releases.filter((release) => release.type === "major").map((release) => release.name);
    expect(majors.filter((name) => !askedMajor.has(name))).toEqual([]);
  } finally {
    await repo.remove();
  }
});
