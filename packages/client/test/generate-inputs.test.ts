// The turbo `generate` task re-runs only when one of its inputs changes: every module the generator
// reads must be one of them (or the build of a package it depends on, as the spec reader's is), or an
// edit to it would leave src/generated/ stale (and cached builds green).
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");

/** The generator's own modules: scripts/generate.ts and every relative import it reaches (`./x.js` is `./x.ts`). */
function generatorModules(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/^import\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gm))
      visit(resolve(dirname(file), (specifier as string).replace(/\.js$/, ".ts")));
  };
  visit(entry);
  return [...seen].map((file) => relative(packageDir, file));
}

/** Whether a package-relative path matches one of turbo's input globs (`**`, `*`, `$TURBO_ROOT$/`). */
function matchesInput(path: string, inputs: readonly string[]): boolean {
  return inputs.some((input) => {
    const glob = input.startsWith("$TURBO_ROOT$/")
      ? relative(packageDir, resolve(repoRoot, input.slice("$TURBO_ROOT$/".length)))
      : input;
    const pattern = glob
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\*\*/g, "\0")
      .replace(/\*/g, "[^/]*")
      .replace(/\0/g, ".*");
    return new RegExp(`^${pattern}$`).test(path);
  });
}

describe("the generate task's inputs (turbo.json)", () => {
  const turbo = JSON.parse(readFileSync(resolve(repoRoot, "turbo.json"), "utf8")) as {
    tasks: Record<string, { inputs?: string[]; dependsOn?: string[] }>;
  };
  const inputs = turbo.tasks["generate"]?.inputs ?? [];
  const dependsOn = turbo.tasks["generate"]?.dependsOn ?? [];

  it("name every generator module and the spec", () => {
    const modules = generatorModules(resolve(packageDir, "scripts/generate.ts"));
    expect(modules).toEqual(
      expect.arrayContaining(["scripts/generate.ts", "scripts/generate-sources.ts", "scripts/validator-codegen.ts"]),
    );
    for (const file of [...modules, relative(packageDir, resolve(repoRoot, "spec/openapi.yaml"))])
      expect(matchesInput(file, inputs), `${file} is not an input of generate`).toBe(true);
  });

  it("would be caught naming only scripts/generate.ts (the check above can fail)", () => {
    expect(
      matchesInput("scripts/validator-codegen.ts", ["$TURBO_ROOT$/spec/openapi.yaml", "scripts/generate.ts"]),
    ).toBe(false);
    expect(matchesInput("scripts/validator-codegen.ts", ["scripts/**"])).toBe(true);
  });

  it("wait for the build of the packages the generators import (the spec reader), so that an edit to it regenerates", () => {
    expect(dependsOn).toContain("^build");
    const manifest = JSON.parse(readFileSync(resolve(packageDir, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(manifest.devDependencies["@gong-flows/spec-reader"]).toBe("workspace:*");
  });
});
