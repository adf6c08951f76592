import { spawn } from "node:child_process";
import { access, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../src/index.js";

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("scratchDir", () => {
  it("makes a folder under the temporary folder and removes it on remove()", async () => {
    const dir = await scratchDir("gong-flows-testkit-");
    expect(dir.path.startsWith(join(tmpdir(), "gong-flows-testkit-"))).toBe(true);
    await writeFile(join(dir.path, "file"), "x");
    await dir.remove();
    await dir.remove();
    expect(await exists(dir.path)).toBe(false);
  });

  it("is removed when the process that made it is killed before its teardown", async () => {
    const dist = new URL("../dist/index.js", import.meta.url).href;
    const run = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { scratchDir } = await import(${JSON.stringify(dist)}); const d = await scratchDir("gong-flows-testkit-"); console.log(d.path); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const path = await new Promise<string>((resolve, reject) => {
      run.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      run.once("exit", (code) => reject(new Error(`the run exited early (${code})`)));
    });
    expect(await exists(path)).toBe(true);
    run.kill("SIGKILL");
    const deadline = Date.now() + 40_000; // the watchdog notices at once; the margin is for a busy machine
    while ((await exists(path)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await exists(path)).toBe(false);
  });
});
