// A fresh clone's first command, `pnpm install`, links every package's commands before anything is
// built: a command that points into dist/ makes it print "WARN Failed to create bin … ENOENT". Each
// command must point at a file the repository holds.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { git } from "../src/git.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

async function binTargets(): Promise<{ pkg: string; command: string; target: string }[]> {
  const out: { pkg: string; command: string; target: string }[] = [];
  for (const pkg of (await readdir(join(repo, "packages"))).sort()) {
    const manifest = JSON.parse(
      await readFile(join(repo, "packages", pkg, "package.json"), "utf8").catch(() => "{}"),
    ) as { bin?: string | Record<string, string> };
    const bins = typeof manifest.bin === "string" ? { [pkg]: manifest.bin } : (manifest.bin ?? {});
    for (const [command, target] of Object.entries(bins))
      out.push({ pkg, command, target: join("packages", pkg, target) });
  }
  return out;
}

describe("every package's commands", () => {
  it("point at files committed to the repository, not at a build", async () => {
    const targets = await binTargets();
    expect(targets.map((t) => t.command)).toEqual(
      expect.arrayContaining(["gong-flows", "gong-flows-mock", "gong-flows-contract"]),
    );
    const tracked = new Set((await git(repo, ["ls-files", "--", ...targets.map((t) => t.target)])).split("\n"));
    expect(targets.filter((t) => !tracked.has(t.target))).toEqual([]);
  });
});
