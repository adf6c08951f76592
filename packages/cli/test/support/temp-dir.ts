import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll } from "vitest";

/**
 * A temporary folder per test file (testkit's scratchDir: removed in teardown, and by its guard even
 * when the test process is killed before teardown runs).
 */
export function useTempDir(prefix = "gong-flows-cli-"): () => string {
  let dir: ScratchDir | undefined;
  beforeAll(async () => {
    dir = await scratchDir(prefix);
  });
  afterAll(async () => {
    await dir?.remove();
  });
  return () => {
    if (dir === undefined) throw new Error("the temporary folder is made in beforeAll");
    return dir.path;
  };
}

/** Writes id files (one id a line, `prospects-N.txt`) into a test file's temporary folder, `ids` by default. */
export function idFiles(dir: () => string, ids: readonly string[]): (some?: readonly string[]) => Promise<string> {
  let fileNumber = 0;
  return async (some = ids) => {
    fileNumber += 1;
    const path = join(dir(), `prospects-${fileNumber}.txt`);
    await writeFile(path, `${some.join("\n")}\n`);
    return path;
  };
}
