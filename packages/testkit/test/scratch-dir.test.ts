// Scratch folders never outlive the process that made them: removed on request, and by the guardian
// when the process is killed before it could remove them itself (a failed run, turbo stopping it).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../src/index.js";

// The child runs the built module (Node 20 runs no TypeScript; turbo builds before it tests).
const scratchModule = fileURLToPath(new URL("../dist/scratch-dir.js", import.meta.url));
const guardianScript = fileURLToPath(new URL("../scratch-guardian.mjs", import.meta.url));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await delay(25)) if (condition()) return true;
  return condition();
}

describe("scratchDir", () => {
  it("makes a private folder under the temporary folder and removes it with its contents", async () => {
    const dir = await scratchDir("unit-test");
    expect(dir.path.startsWith(join(tmpdir(), "gong-flows-unit-test-"))).toBe(true);
    await writeFile(join(dir.path, "file.txt"), "x");
    await dir.remove();
    await dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });

  it("refuses a label that would not make a plain folder name", async () => {
    await expect(scratchDir("../escape")).rejects.toThrow(/label/);
  });

  it("is removed by the guardian when the process that made it is killed", async () => {
    // A process that makes a folder, says where, and waits to be killed: SIGKILL, so that no exit hook
    // or teardown of its own can run.
    const child = spawn(process.execPath, ["--input-type=module", "-e", `
      const { scratchDir } = await import(${JSON.stringify(scratchModule)});
      const dir = await scratchDir("guardian-test");
      console.log(dir.path);
      setInterval(() => {}, 1000);
    `], { stdio: ["ignore", "pipe", "inherit"] });
    const path = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").once("data", (line: string) => resolve(line.trim()));
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(existsSync(path)).toBe(true);
    child.kill("SIGKILL");
    expect(await until(() => !existsSync(path))).toBe(true);
  });

  it("has a guardian that removes only gong-flows folders directly under the temporary folder", async () => {
    const outside = await scratchDir("guardian-scope");
    const notOurs = join(outside.path, "nested");
    await mkdir(notOurs);
    try {
      // Guardian rooted at our scratch folder: `nested` is a child of the root but not named gong-flows-*.
      const guardian = spawn(process.execPath, [guardianScript, outside.path], { stdio: ["pipe", "ignore", "ignore"] });
      guardian.stdin.end(`${notOurs}\n${join(tmpdir(), "elsewhere")}\n`);
      await new Promise((resolve) => guardian.once("exit", resolve));
      expect(existsSync(notOurs)).toBe(true);
    } finally {
      await outside.remove();
    }
  });
});
